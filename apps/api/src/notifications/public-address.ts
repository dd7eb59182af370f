import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The host name of a Host header or URL host, without its port, lower case. */
function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.split(':')[0];
}

export function isLocalHost(host: string): boolean {
  return LOCAL_HOSTS.has(hostName(host));
}

/**
 * Links in mail, calendar feeds and invites are built on PUBLIC_URL. Unset, it is
 * http://localhost:PORT: right on the machine that runs Wutong, wrong for anyone else. This notes
 * the first request that reaches the server under another name (one warning per name), and from
 * then on the outbox holds back mail whose links point at localhost instead of sending links that
 * lead nowhere. The admin pages show the same state (GET /api/setup).
 */
@Injectable()
export class PublicAddress {
  private readonly logger = new Logger('PublicAddress');
  private readonly warned = new Set<string>();
  private seenElsewhere: string | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Whether links point at this machine only (PUBLIC_URL unset, or set to a local address). */
  get pointsAtLocalhost(): boolean {
    return isLocalHost(new URL(this.config.publicUrl).host);
  }

  /** The first other name people reached this server under, while links point at localhost. */
  get reachedAs(): string | null {
    return this.seenElsewhere;
  }

  /** Called for every request with its Host header. */
  noteRequestHost(host: string | undefined): void {
    if (!host || !this.pointsAtLocalhost || isLocalHost(host)) return;
    const name = hostName(host);
    this.seenElsewhere ??= name;
    if (this.warned.has(name) || this.warned.size >= 20) return;
    this.warned.add(name);
    this.logger.warn(
      { publicUrl: this.config.publicUrl, host: name },
      `PUBLIC_URL is ${this.config.publicUrlConfigured ? 'a local address' : 'not set'}: links in mail point at ${this.config.publicUrl} while people reach this server as ${name}; mail with such links is held back until PUBLIC_URL is set`,
    );
  }

  /** Why a mail must not leave now (its links lead to localhost for people elsewhere), or null. */
  holdBack(text: string, html: string): string | null {
    if (!this.seenElsewhere || !this.pointsAtLocalhost) return null;
    const local = this.config.publicUrl;
    if (!text.includes(local) && !html.includes(local)) return null;
    return `PUBLIC_URL_UNSET: links point at ${local} while people reach this server as ${this.seenElsewhere}`;
  }
}
