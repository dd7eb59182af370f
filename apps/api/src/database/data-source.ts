import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { typeormOptions } from './typeorm-options';

/** Data source of the TypeORM CLI (`npm run migration:*`), built from the same validated config as the app. */
export default new DataSource(typeormOptions(loadConfig()));
