import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { LOCALES, PUBLIC_EVENTS_PAGE_SIZE, pickLocale, type Locale } from '@wutong/shared';
import { DomainException } from '../common/errors/domain.exception';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventsQueries } from '../events/events.queries';
import { EventsService } from '../events/events.service';
import { eventMeta, intoTemplate, listMeta, renderEvent, renderList } from './render';

const isLocale = (value: string | null): value is Locale =>
  (LOCALES as readonly (string | null)[]).includes(value);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PublicPage {
  status: number;
  html: string;
}

/**
 * GET /events and GET /events/:id as HTML with their content (render.ts), for anonymous readers and
 * link previews; the web app takes over in the browser. Other paths: null (the app's index.html).
 */
@Injectable()
export class PublicPages {
  private readonly logger = new Logger(PublicPages.name);
  private template: Promise<string> | null = null;

  constructor(
    private readonly events: EventsService,
    private readonly queries: EventsQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async render(
    path: string,
    headers: { cookie?: string; 'accept-language'?: string },
  ): Promise<PublicPage | null> {
    const eventId = /^\/events\/([^/]+)$/.exec(path)?.[1];
    if (path !== '/events' && !(eventId && UUID.test(eventId))) return null;
    const locale = this.localeOf(headers);
    const template = await this.indexHtml();
    const image = `${this.config.publicUrl}/og-image.png`;
    if (!eventId) {
      const page = await this.queries.list(
        { page: 1, pageSize: PUBLIC_EVENTS_PAGE_SIZE },
        { statuses: ['published', 'completed'], defaultFrom: new Date() },
      );
      const url = `${this.config.publicUrl}/events`;
      return {
        status: 200,
        html: intoTemplate(template, renderList(page, locale, listMeta(locale, url, image)), locale),
      };
    }
    let event;
    try {
      event = await this.events.view(eventId.toLowerCase());
    } catch (error) {
      // A draft or an unknown id: the app's own "not found" page, with a 404 for crawlers.
      if (error instanceof DomainException && error.statusCode === 404)
        return { status: 404, html: template };
      throw error;
    }
    const url = `${this.config.publicUrl}/events/${event.id}`;
    // The cover, when there is one, is the picture link previews show (an absolute URL).
    const shared = event.coverUrl ? `${this.config.publicUrl}${event.coverUrl}` : image;
    return {
      status: 200,
      html: intoTemplate(template, renderEvent(event, locale, eventMeta(event, locale, url, shared)), locale),
    };
  }

  /** The language the app will speak: the one chosen on this device (its cookie), else the browser's. */
  private localeOf(headers: { cookie?: string; 'accept-language'?: string }): Locale {
    const chosen = /(?:^|;\s*)wutong\.locale=([^;]+)/.exec(headers.cookie ?? '')?.[1];
    const decoded = chosen ? decodeURIComponent(chosen) : null;
    return isLocale(decoded) ? decoded : pickLocale(headers['accept-language']);
  }

  private indexHtml(): Promise<string> {
    this.template ??= readFile(join(this.config.webDist, 'index.html'), 'utf8').catch((error: unknown) => {
      this.template = null;
      this.logger.error({ err: error }, 'index.html unreadable');
      throw error;
    });
    return this.template;
  }
}
