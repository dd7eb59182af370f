import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** The channel the database triggers of migration HotPathVersions notify with a user's id. */
export const PRINCIPALS_CHANNEL = 'wutong_principals';
/** How often the listener proves it is alive. */
const HEARTBEAT_MS = 200;
/**
 * The cache is trusted only while the listener's last heartbeat was sent less than this long ago: a
 * notification committed before a heartbeat is delivered before its answer, so a silently dead
 * listener cannot keep a revoked session alive for longer than this.
 */
const TRUST_MS = 700;
const RECONNECT_MS = 500;
/** How long a request waits for the listener to catch up before reading its session itself. */
const SYNC_TIMEOUT_MS = 300;
const MAX_ENTRIES = 100_000;

/** What the cache needs of a stored answer; the answer itself is the entry (no wrapper object). */
export interface CachedPrincipal {
  readonly user_id: string;
  /** Epoch milliseconds: the earlier of the token's and the session's expiry. */
  readonly expires_at: number;
}

/**
 * Sessions verified in memory: bearer token → what its session and user said when last read.
 *
 * Every process listens on PRINCIPALS_CHANNEL (PostgreSQL LISTEN/NOTIFY, one connection of its own);
 * a notification drops the user's entries, so a revoked session, a removed role or carrier, a changed
 * password or a disabled account is refused by every process within milliseconds — and, through
 * `caughtUp`, by every request that arrives after the change committed. When the listener
 * is down or its heartbeat is late, nothing is trusted (every request reads its session as before);
 * after reconnecting the cache starts empty, i.e. everything is read again.
 *
 * A read that raced a notification is not stored: `store` takes the epoch seen before the read, and
 * every notification (and every reconnect) moves the epoch.
 *
 * The cache holds one entry per signed-in caller, up to MAX_ENTRIES, so entries are kept small: an
 * entry is the stored answer itself, and a user with one token (nearly all) maps straight to that
 * token instead of to a Set of one.
 */
@Injectable()
export class PrincipalCache<T extends CachedPrincipal = CachedPrincipal>
  implements OnModuleInit, OnModuleDestroy
{
  private readonly logger = new Logger('PrincipalCache');
  private readonly entries = new Map<string, T>();
  /** A user's token, or their tokens when they are signed in more than once. */
  private readonly tokensOfUser = new Map<string, string | Set<string>>();
  private epochValue = 0;
  private client: Client | null = null;
  private listening = false;
  /** Monotonic time (ms) at which the last answered heartbeat was sent. */
  private lastBeat = -Infinity;
  private beating = false;
  private heartbeat: NodeJS.Timeout | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private stopped = false;
  private warned = false;
  private syncing: Promise<boolean> | null = null;
  /** The listener connection's last query: the next one is sent after it (see `ask`). */
  private lastAsked: Promise<unknown> = Promise.resolve();
  private nextSync: Promise<boolean> | null = null;
  /** Ends the current listener connection and schedules the next. */
  private lose: (error?: Error) => void = () => undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    void this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.reconnect) clearTimeout(this.reconnect);
    this.distrust();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** Whether cached entries may be used now. */
  get trusted(): boolean {
    const since = now() - this.lastBeat;
    return this.listening && since >= 0 && since < TRUST_MS;
  }

  /**
   * Resolves true once every notification committed before this call has been received: one
   * `SELECT 1` on the listener's connection (its answer comes after the notifications pending for
   * it), shared by every request that asks meanwhile. So a request that arrives after a revocation
   * committed — on any process — never uses the revoked entry. False when the listener is not up or
   * does not answer within SYNC_TIMEOUT_MS: the caller reads the session from the database.
   */
  caughtUp(): Promise<boolean> {
    if (!this.trusted || !this.client) return Promise.resolve(false);
    if (!this.syncing) return this.startSync();
    // The query in flight may have been sent before this call: wait for the next one.
    return (this.nextSync ??= this.syncing.then(() => {
      this.nextSync = null;
      return this.startSync();
    }));
  }

  private startSync(): Promise<boolean> {
    const client = this.client;
    if (!client || !this.trusted) return Promise.resolve(false);
    const sent = now();
    let timer: NodeJS.Timeout | undefined;
    const answered = this.ask(client).then(
      () => {
        if (this.client !== client) return false;
        this.lastBeat = Math.max(this.lastBeat, sent);
        return this.listening;
      },
      () => false,
    );
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), SYNC_TIMEOUT_MS);
      timer.unref();
    });
    const sync: Promise<boolean> = Promise.race([answered, late]).finally(() => {
      clearTimeout(timer);
      if (this.syncing === sync) this.syncing = null;
    });
    this.syncing = sync;
    return sync;
  }

  /** Take before reading a session; hand to `store` after. */
  get epoch(): number {
    return this.epochValue;
  }

  get(token: string): T | undefined {
    if (!this.trusted) return undefined;
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expires_at <= Date.now()) {
      this.drop(token, entry.user_id);
      return undefined;
    }
    return entry;
  }

  store(token: string, entry: T, epochBeforeRead: number): void {
    if (epochBeforeRead !== this.epochValue || !this.trusted) return;
    if (this.entries.size >= MAX_ENTRIES) this.evictOldest(MAX_ENTRIES / 10);
    this.entries.set(token, entry);
    const tokens = this.tokensOfUser.get(entry.user_id);
    if (tokens === undefined || tokens === token) this.tokensOfUser.set(entry.user_id, token);
    else if (typeof tokens === 'string') this.tokensOfUser.set(entry.user_id, new Set([tokens, token]));
    else tokens.add(token);
  }

  /** Drops every entry of a user (also called directly by this process's own revocations). */
  forgetUser(userId: string): void {
    this.epochValue++;
    const tokens = this.tokensOfUser.get(userId);
    if (tokens === undefined) return;
    if (typeof tokens === 'string') this.entries.delete(tokens);
    else for (const token of tokens) this.entries.delete(token);
    this.tokensOfUser.delete(userId);
  }

  private drop(token: string, userId: string): void {
    this.entries.delete(token);
    const tokens = this.tokensOfUser.get(userId);
    if (tokens === token) this.tokensOfUser.delete(userId);
    else if (typeof tokens === 'object') {
      tokens.delete(token);
      if (tokens.size === 1) this.tokensOfUser.set(userId, tokens.values().next().value as string);
    }
  }

  private evictOldest(count: number): void {
    for (const [token, entry] of this.entries) {
      if (count-- <= 0) break;
      this.drop(token, entry.user_id);
    }
  }

  private distrust(): void {
    this.listening = false;
    this.epochValue++;
    this.entries.clear();
    this.tokensOfUser.clear();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'wutong-listener',
      connectionTimeoutMillis: 5_000,
    });
    this.client = client;
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      this.distrust();
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.heartbeat = null;
      client.end().catch(() => undefined);
      if (this.stopped) return;
      if (!this.warned)
        this.logger.warn(
          { err: error?.message },
          'session listener lost: sessions are read from the database until it is back',
        );
      this.warned = true;
      this.reconnect = setTimeout(() => void this.connect(), RECONNECT_MS);
      this.reconnect.unref();
    };
    this.lose = lost;
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel === PRINCIPALS_CHANNEL && message.payload) this.forgetUser(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${PRINCIPALS_CHANNEL}`);
    } catch (error) {
      lost(error as Error);
      return;
    }
    if (this.client !== client) return;
    this.lastAsked = Promise.resolve();
    // Whatever happened while nobody listened is unknown: start empty.
    this.distrust();
    this.listening = true;
    this.lastBeat = now();
    if (this.warned) this.logger.log('session listener back');
    this.warned = false;
    this.heartbeat = setInterval(() => void this.beat(client), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /**
   * `SELECT 1` on the listener's connection, sent once the query before it is answered: heartbeats
   * and catch-ups (and a catch-up after one that timed out) never overlap on the connection, which pg
   * only queues with a deprecation warning today and pg 9 refuses. Sent later than asked, its answer
   * still follows every notification committed before it was asked; the callers record the earlier
   * time, which only shortens how long the answer is trusted.
   */
  private ask(client: Client): Promise<unknown> {
    const answer = this.lastAsked.then(() => client.query('SELECT 1'));
    this.lastAsked = answer.catch(() => undefined);
    return answer;
  }

  private async beat(client: Client): Promise<void> {
    if (this.client !== client) return;
    // A heartbeat unanswered for seconds: the connection is dead without having said so.
    if (this.beating && now() - this.lastBeat > 10 * TRUST_MS) return this.lose(new Error('heartbeat lost'));
    if (this.beating) return;
    this.beating = true;
    const sent = now();
    try {
      await this.ask(client);
      if (this.client === client) this.lastBeat = sent;
    } catch {
      // 'error'/'end' handle the loss
    } finally {
      this.beating = false;
    }
  }
}

const now = () => performance.now();
