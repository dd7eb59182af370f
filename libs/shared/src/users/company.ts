export const COMPANY_STAGES = ['idea', 'prototype', 'early_revenue', 'growth', 'mature'] as const;
export type CompanyStage = (typeof COMPANY_STAGES)[number];

export const INDUSTRIES = [
  'software',
  'electronics',
  'advanced_manufacturing',
  'new_materials',
  'biomedicine',
  'new_energy',
  'e_commerce',
  'agriculture',
  'culture_creative',
  'services',
  'other',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export interface CompanyInput {
  name: string;
  /** 统一社会信用代码, 18 characters, checked per GB 32100. */
  creditCode?: string | null;
  stage?: CompanyStage | null;
  industry?: Industry | null;
  /** The carrier (organization) that incubates the company. */
  incubatorId?: string | null;
}

export interface CompanyView {
  id: string;
  name: string;
  creditCode: string | null;
  stage: CompanyStage | null;
  industry: Industry | null;
  incubatorId: string | null;
  /** The member who keeps the company's details: its first verified member, or one an organizer named. */
  ownerId: string | null;
  ownerName: string | null;
  /** Whether the caller may edit the details (its owner, organizers of its incubator, admins). */
  editable: boolean;
}

/** PATCH /companies/:id: the details an owner or an organizer of the incubator changes. */
export interface UpdateCompanyRequest {
  name?: string;
  creditCode?: string | null;
  stage?: CompanyStage | null;
  industry?: Industry | null;
  incubatorId?: string | null;
}

/** PUT /companies/:id/owner: an organizer of the incubator (or an admin) names the owner among its members. */
export interface CompanyOwnerRequest {
  userId: string;
}

/** One file per company (一企一档): what the company's people received across carriers. */
export interface CompanyRecordView {
  company: CompanyView;
  /** Registrations of its current members, newest event first. */
  events: CompanyEventEntry[];
  /** Check-ins counted for the company (its people at the time, walk-ins who named it). */
  visits: CompanyVisitEntry[];
  /** Office-hour sessions of its current members that were held or are confirmed, with records. */
  mentoring: CompanyMentoringEntry[];
  /** Certificates (not revoked) of its current members. */
  certificates: CompanyCertificateEntry[];
}

/** Dates are instants; `timeZone` is the carrier's (the mentor's for mentoring) to show them in. */
export interface CompanyEventEntry {
  eventId: string;
  title: string;
  type: string;
  carrier: string;
  timeZone: string;
  startsAt: string;
  person: string;
  status: string;
}

export interface CompanyVisitEntry {
  eventId: string;
  title: string;
  carrier: string;
  timeZone: string;
  sessionStartsAt: string;
  checkedInAt: string;
  person: string;
  walkIn: boolean;
}

export interface CompanyMentoringEntry {
  bookingId: string;
  startsAt: string;
  timeZone: string;
  mentor: string;
  founder: string;
  topic: string;
  status: string;
  /** The mentor's coaching record, when written. */
  summary: string | null;
}

export interface CompanyCertificateEntry {
  serial: string;
  title: string;
  carrier: string;
  holder: string;
  hours: number;
  issuedAt: string;
}

/** GET /companies?q=: companies found by name or credit code (organizers, admins). */
export interface CompanySearchEntry {
  id: string;
  name: string;
  creditCode: string | null;
  members: number;
}
