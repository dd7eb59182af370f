import {
  EXPERTISE_TAGS,
  MAX_SUGGESTIONS,
  searchTerms,
  type CompanyStage,
  type ExpertiseTag,
  type Industry,
  type MatchReason,
  type MentorCategory,
} from '@wutong/shared';

/**
 * The matching score (docs/matching.md): a pure, transparent sum of points, no external service.
 * Every weight is here and in the doc; change both together (matching.score.spec.ts pins them).
 */
export const WEIGHTS = {
  /** Per expertise tag of the mentor that the need asks for; at most EXPERTISE_MAX_TAGS count. */
  expertisePerTag: 12,
  expertiseMaxTags: 3,
  /** The mentor's category is the one asked for (or named in the need's words). */
  category: 20,
  /** The mentor speaks the founder's language. */
  language: 10,
  /** Per free slot in the next FREE_SLOT_DAYS days; at most FREE_SLOTS_MAX count. */
  perFreeSlot: 2,
  freeSlotsMax: 10,
  /** Per star above (or below) 3 of the average rating, in full from RATINGS_FULL ratings on. */
  perStar: 7,
  ratingsFull: 5,
  /** Per upcoming booking (requested or confirmed) in the next FREE_SLOT_DAYS days; at most LOAD_MAX. */
  perUpcoming: -2,
  loadMax: -10,
} as const;

export const FREE_SLOT_DAYS = 14;

/** Industries point at the expertise they usually need (besides what the words of the need say). */
export const INDUSTRY_EXPERTISE: Record<Industry, ExpertiseTag[]> = {
  software: ['technology', 'ip'],
  electronics: ['technology', 'manufacturing'],
  advanced_manufacturing: ['manufacturing', 'technology'],
  new_materials: ['technology', 'manufacturing', 'ip'],
  biomedicine: ['technology', 'ip', 'policy'],
  new_energy: ['technology', 'policy'],
  e_commerce: ['ecommerce', 'marketing'],
  agriculture: ['policy', 'marketing'],
  culture_creative: ['marketing', 'ip'],
  services: ['marketing', 'hr'],
  other: [],
};

/** So do stages of a company. */
export const STAGE_EXPERTISE: Record<CompanyStage, ExpertiseTag[]> = {
  idea: ['strategy'],
  prototype: ['technology', 'ip'],
  early_revenue: ['marketing', 'financing'],
  growth: ['financing', 'hr'],
  mature: ['strategy', 'tax', 'accounting'],
};

export interface Need {
  category?: MentorCategory | null;
  industry?: Industry | null;
  stage?: CompanyStage | null;
  text: string;
  /** The founder's language (zh-CN, en). */
  locale: string;
}

export interface Candidate {
  mentorId: string;
  category: MentorCategory;
  expertise: string[];
  languages: string[];
  /** Free slots in the next FREE_SLOT_DAYS days, and the first of them. */
  freeSlots: number;
  nextSlot: string | null;
  ratingAverage: number | null;
  ratingCount: number;
  /** Upcoming bookings (requested or confirmed) in the next FREE_SLOT_DAYS days. */
  upcoming: number;
}

export interface Scored {
  mentorId: string;
  score: number;
  reasons: MatchReason[];
  nextSlot: string | null;
}

const fold = (text: string) => text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
const round1 = (n: number) => Math.round(n * 10) / 10;
const BUILT_IN = new Set<string>(EXPERTISE_TAGS);

/** The expertise tags and categories a need asks for: its words, its industry and its stage. */
export function wanted(need: Need): { tags: Set<string>; categories: Set<MentorCategory> } {
  const terms = searchTerms(need.text);
  const tags = new Set<string>([
    ...terms.tags,
    ...(need.industry ? INDUSTRY_EXPERTISE[need.industry] : []),
    ...(need.stage ? STAGE_EXPERTISE[need.stage] : []),
  ]);
  const categories = new Set<MentorCategory>(need.category ? [need.category] : terms.categories);
  return { tags, categories };
}

/** A mentor speaks a language when it is listed as such or by its base (zh for zh-CN). */
function speaks(languages: string[], locale: string): string[] {
  const base = locale.split('-')[0].toLowerCase();
  return languages.filter(
    (l) => l.toLowerCase() === locale.toLowerCase() || l.split('-')[0].toLowerCase() === base,
  );
}

/**
 * One mentor's score for one need, with every reason that gave points (free slots always, so the
 * founder sees availability even when there is none). `relevant`: the expertise or the category
 * matched; a mentor who matches neither is not suggested however free they are.
 */
export function scoreMentor(need: Need, c: Candidate): Scored & { relevant: boolean } {
  const { tags, categories } = wanted(need);
  const text = fold(need.text);
  const reasons: MatchReason[] = [];
  // Built-in tags the need asks for; the mentor's own tags when the need's words name them.
  const matched = c.expertise.filter((tag) =>
    BUILT_IN.has(tag) ? tags.has(tag) : fold(tag).length >= 2 && text.includes(fold(tag)),
  );
  if (matched.length > 0)
    reasons.push({
      code: 'expertise',
      points: WEIGHTS.expertisePerTag * Math.min(matched.length, WEIGHTS.expertiseMaxTags),
      matched,
    });
  if (categories.has(c.category))
    reasons.push({ code: 'category', points: WEIGHTS.category, category: c.category });
  const relevant = reasons.length > 0;
  const spoken = speaks(c.languages, need.locale);
  if (spoken.length > 0) reasons.push({ code: 'languages', points: WEIGHTS.language, matched: spoken });
  reasons.push({
    code: 'freeSlots',
    points: WEIGHTS.perFreeSlot * Math.min(c.freeSlots, WEIGHTS.freeSlotsMax),
    count: c.freeSlots,
    days: FREE_SLOT_DAYS,
  });
  if (c.ratingCount > 0 && c.ratingAverage !== null) {
    const points = round1(
      (c.ratingAverage - 3) *
        WEIGHTS.perStar *
        (Math.min(c.ratingCount, WEIGHTS.ratingsFull) / WEIGHTS.ratingsFull),
    );
    reasons.push({ code: 'rating', points, average: round1(c.ratingAverage), count: c.ratingCount });
  }
  if (c.upcoming > 0)
    reasons.push({
      code: 'load',
      points: Math.max(WEIGHTS.perUpcoming * c.upcoming, WEIGHTS.loadMax),
      upcoming: c.upcoming,
    });
  const total = reasons.reduce((sum, r) => sum + r.points, 0);
  return {
    mentorId: c.mentorId,
    score: round1(Math.min(100, Math.max(0, total))),
    reasons,
    nextSlot: c.nextSlot,
    relevant,
  };
}

/**
 * The best `limit` relevant mentors, best first; ties go to the earlier free slot (none last),
 * then to the mentor id so the order never depends on the database's.
 */
export function rankMentors(need: Need, candidates: Candidate[], limit: number = MAX_SUGGESTIONS): Scored[] {
  return candidates
    .map((c) => scoreMentor(need, c))
    .filter((s) => s.relevant)
    .sort(
      (a, b) =>
        b.score - a.score ||
        (a.nextSlot ?? '\uffff').localeCompare(b.nextSlot ?? '\uffff') ||
        a.mentorId.localeCompare(b.mentorId),
    )
    .slice(0, limit)
    .map(({ relevant: _relevant, ...s }) => s);
}
