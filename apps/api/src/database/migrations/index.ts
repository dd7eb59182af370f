import { Foundation1764190000000 } from './1764190000000-Foundation';

/** Every migration, oldest first. A new migration is added here as well as in this folder. */
export const MIGRATIONS = [Foundation1764190000000];
