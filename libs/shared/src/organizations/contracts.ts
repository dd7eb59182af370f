export const ORGANIZATION_KINDS = [
  'base',
  'incubator',
  'innovation_centre',
  'startup_centre',
  'software_park',
  'industrial_park',
  'service_agency',
  'other',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export interface OrganizationView {
  id: string;
  name: string;
  kind: OrganizationKind;
  parentId: string | null;
  timeZone: string;
  createdAt: string;
}

export interface CreateOrganizationRequest {
  name: string;
  kind?: OrganizationKind;
  parentId?: string | null;
  timeZone?: string;
}

export type UpdateOrganizationRequest = Partial<CreateOrganizationRequest>;

export interface AddMemberRequest {
  userId: string;
}

/** An organizer of a carrier (GET /api/organizations/:id/members). */
export interface MemberView {
  userId: string;
  displayName: string;
  /** null for an account made by phone sign-in without an email. */
  email: string | null;
  since: string;
}

/** The membership just added (POST /api/organizations/:id/members). */
export interface MembershipView {
  organizationId: string;
  userId: string;
}

/** Someone a carrier's organizers named door staff (GET /organizations/:id/door-staff). */
export interface DoorStaffView {
  userId: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  since: string;
}

export interface AddDoorStaffRequest {
  userId: string;
}
