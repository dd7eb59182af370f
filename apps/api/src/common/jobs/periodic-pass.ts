import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';

/**
 * A timer for work every API process repeats (reminders, closing past events): one pass at a time,
 * errors logged and the next pass tried, stopped and awaited on shutdown. PERIODIC_PASSES=off turns
 * the timers off (tests call the pass directly; the process says so at start). The pass itself must
 * be safe in several processes.
 */
export class PeriodicPass {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly logger: Logger;

  constructor(
    name: string,
    private readonly pass: () => Promise<unknown>,
    private readonly everyMs = 60_000,
  ) {
    this.logger = new Logger(name);
  }

  start(config: Pick<AppConfig, 'periodicPasses'>): void {
    if (!config.periodicPasses || this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.pass()
        .catch((error: unknown) => this.logger.error({ err: error }, 'pass failed'))
        .finally(() => (this.running = null));
    }, this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}

/**
 * A provider whose `pass` runs every `everyMs` in each API process (a PeriodicPass started with the
 * application, stopped and awaited at shutdown). Subclasses inject APP_CONFIG and hand it over.
 */
export abstract class PeriodicWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly timer: PeriodicPass;

  protected constructor(
    name: string,
    private readonly settings: Pick<AppConfig, 'periodicPasses'>,
    everyMs?: number,
  ) {
    this.timer = new PeriodicPass(name, () => this.pass(), everyMs);
  }

  /** One pass: safe when several processes run it at once. */
  protected abstract pass(): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.timer.start(this.settings);
  }

  onApplicationShutdown(): Promise<void> {
    return this.timer.stop();
  }
}
