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
