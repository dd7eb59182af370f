import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface Carrier {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  timeZone: string;
}

export interface CarrierList {
  /** CARRIERS_FINGERPRINT when the list was read. */
  fingerprint: string;
  byId: Map<string, Carrier>;
  /** The base (the first carrier of kind base), whose zone the base-wide numbers use. */
  base: Carrier | null;
}

/**
 * A digest of everything the dashboard takes from `organizations` (names, kinds, the tree, zones).
 * Computed from the rows themselves in the reader's snapshot, so it changes with the commit that
 * renames, adds, moves or removes a carrier, in whichever process that happens.
 */
export const CARRIERS_FINGERPRINT = `(SELECT md5(coalesce(string_agg(
    concat_ws('/', id, name, kind, parent_id, time_zone), ',' ORDER BY id), '')) FROM organizations)`;

/**
 * The carriers as the dashboard needs them, kept in memory between requests. Never trusted blindly:
 * the dashboard's rollup read returns CARRIERS_FINGERPRINT in the same statement, and a request that
 * finds it different reloads the list (`reload`) and, when the list did change, answers again from
 * the new one, so a carrier renamed or added is seen by the next request. (When the rollup was read
 * on a replica that is behind, the reloaded list is the same and the answer stands.)
 */
@Injectable()
export class CarrierDirectory {
  private current: Promise<CarrierList> | null = null;

  /** Read on the primary, like the scope checks it replaces: a carrier just added is there. */
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<CarrierList> {
    return (this.current ??= this.load());
  }

  reload(): Promise<CarrierList> {
    this.current = this.load();
    return this.current;
  }

  /** The carrier and every carrier below it; null when that is every carrier there is. */
  static tree(list: CarrierList, id: string): string[] | null {
    const children = new Map<string, string[]>();
    for (const c of list.byId.values())
      if (c.parentId) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c.id]);
    const ids = [id];
    for (let i = 0; i < ids.length; i++) for (const child of children.get(ids[i]) ?? []) ids.push(child);
    const all = new Set(ids);
    return all.size === list.byId.size ? null : [...all];
  }

  private async load(): Promise<CarrierList> {
    try {
      const rows: {
        id: string;
        name: string;
        kind: string;
        parent_id: string | null;
        time_zone: string;
        fingerprint: string;
      }[] = await this.dataSource.query(
        `SELECT id, name, kind, parent_id, time_zone, ${CARRIERS_FINGERPRINT} AS fingerprint
           FROM organizations ORDER BY created_at`,
      );
      const byId = new Map<string, Carrier>();
      for (const r of rows)
        byId.set(r.id, {
          id: r.id,
          name: r.name,
          kind: r.kind,
          parentId: r.parent_id,
          timeZone: r.time_zone,
        });
      return {
        // No carrier at all: the digest of an empty list (what the rollup read returns then).
        fingerprint: rows[0]?.fingerprint ?? 'd41d8cd98f00b204e9800998ecf8427e',
        byId,
        base: [...byId.values()].find((c) => c.kind === 'base') ?? null,
      };
    } catch (error) {
      this.current = null;
      throw error;
    }
  }
}
