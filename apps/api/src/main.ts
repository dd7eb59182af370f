import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { runMigrations } from './database/migrate';
import { weakness } from './auth/password.service';

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      // One clear line naming the variable, then stop.
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const weakAdmin = config.admin && weakness(config.admin.password, config.admin.email);
  if (weakAdmin) {
    process.stderr.write(
      `Invalid configuration: WUTONG_ADMIN_PASSWORD ${weakAdmin.reason.replace(/^password /, '')}\n`,
    );
    process.exit(1);
  }
  const applied = await runMigrations(config);
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  const logger = new Logger('Wutong');
  if (!process.env.JWT_SECRET) {
    logger.warn(
      'JWT_SECRET is not set: sessions end when this process stops and other processes cannot read them; set it in production',
    );
  }
  if (!config.publicUrlConfigured)
    logger.warn(
      `PUBLIC_URL is not set: links in mail, calendar feeds and invites point at ${config.publicUrl}; set it to the address people open`,
    );
  if (applied.length > 0) logger.log({ migrations: applied }, `applied ${applied.length} migration(s)`);
  logger.log({ port: config.port, host: config.host }, `listening on ${config.publicUrl}`);
  // Work this process leaves to others must never be off by surprise.
  if (config.outboxPollMs <= 0) logger.warn('OUTBOX_POLL_MS=0: this process sends no mail; another one must');
  if (!config.periodicPasses)
    logger.warn(
      'PERIODIC_PASSES=off: no reminders, closing of ended events or dashboard fold in this process',
    );
  if (config.demo && config.host === '127.0.0.1')
    logger.warn('the demo base is loaded: listening on 127.0.0.1 only (set HOST to open it to others)');

  // Graceful shutdown: stop accepting connections, let requests and the outbox pass finish, close the pool.
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      logger.log(`${signal}: shutting down`);
      const force = setTimeout(() => process.exit(1), 15_000);
      force.unref();
      app
        .close()
        .then(() => {
          logger.log('stopped');
          process.exit(0);
        })
        .catch(() => process.exit(1));
    });
  }
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `Wutong failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
