import { Injectable } from '@nestjs/common';
import { exportFileName, type Locale, type PeriodQuery } from '@wutong/shared';
import type { Principal } from '../../common/auth/principal';
import { ScopeService, type ResolvedScope } from '../scope.service';
import { ledgerDocx } from './ledger.docx';
import { groupLedger, LEDGER_WORDS, totalsOf, type Ledger } from './ledger.model';
import { LedgerQueries } from './ledger.queries';
import { SatisfactionQueries } from '../../surveys/satisfaction.queries';
import { EventImagesService } from '../../event-images/event-images.service';
import { ledgerXlsx } from './ledger.xlsx';

/** The ledger of events held in a period: who may read it is the dashboard's rule (ScopeService). */
@Injectable()
export class LedgerService {
  constructor(
    private readonly scopes: ScopeService,
    private readonly queries: LedgerQueries,
    private readonly surveys: SatisfactionQueries,
    private readonly images: EventImagesService,
  ) {}

  async file(
    actor: Principal,
    locale: Locale,
    format: 'xlsx' | 'docx',
    when: PeriodQuery,
    organizationId?: string,
  ): Promise<{ file: Buffer; name: string }> {
    const scope = await this.scopes.resolve(actor, organizationId, when);
    const ledger = await this.ledger(scope, locale);
    const file = format === 'xlsx' ? await ledgerXlsx(ledger, locale) : await ledgerDocx(ledger, locale);
    const w = LEDGER_WORDS[locale];
    return {
      file,
      name: exportFileName([w.file, scope.organizationName ?? w.base, scope.period.label], format),
    };
  }

  async ledger(scope: ResolvedScope, locale: Locale): Promise<Ledger> {
    const w = LEDGER_WORDS[locale];
    const entries = await this.queries.entries(scope);
    const ids = entries.map((e) => e.id);
    const [satisfaction, photos] = await Promise.all([
      this.surveys.satisfactionByEvent(ids),
      this.images.photosByEvent(ids),
    ]);
    const rows = entries.map((e) => ({
      ...e,
      // The average of the survey's rating answers (1–5); empty without a sent survey or answers.
      satisfaction: satisfaction.get(e.id)?.average ?? null,
      photos: photos.get(e.id) ?? [],
    }));
    const last = new Date(Date.parse(`${scope.period.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    return {
      title: w.title(scope.organizationName ?? w.base, scope.period.label),
      periodLine: w.periodLine(scope.period.from, last, scope.timeZone),
      groups: groupLedger(rows),
      total: totalsOf(rows),
    };
  }
}
