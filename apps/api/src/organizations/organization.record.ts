import type { OrganizationKind } from '@wutong/shared';
import { columnsOf } from '../common/database/records';

/** The base (管委会) or one of its carriers (载体): incubator, park, innovation centre… */
export interface Organization {
  id: string;
  name: string;
  kind: OrganizationKind;
  parentId: string | null;
  /** Reports group this carrier's numbers by this zone. */
  timeZone: string;
  createdAt: Date;
  updatedAt: Date;
}

export const ORGANIZATION_COLUMNS = columnsOf([
  'id',
  'name',
  'kind',
  'parentId',
  'timeZone',
  'createdAt',
  'updatedAt',
]);

/** A room or hall of a carrier where events take place. */
export interface Venue {
  id: string;
  organizationId: string;
  name: string;
  address: string | null;
  capacity: number | null;
  createdAt: Date;
}

export const VENUE_COLUMNS = columnsOf(['id', 'organizationId', 'name', 'address', 'capacity', 'createdAt']);
