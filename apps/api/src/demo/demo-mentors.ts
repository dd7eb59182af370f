import type { EntityManager } from 'typeorm';
import type { MentorCategory, WeeklyRule } from '@wutong/shared';
import { DEMO_MENTOR_MIX } from './demo-data';

const EXPERTISE: Record<string, string[]> = {
  professor: ['technology', 'strategy', 'policy'],
  entrepreneur: ['strategy', 'marketing', 'manufacturing'],
  banker: ['financing', 'tax'],
  investor: ['financing', 'strategy'],
  lawyer: ['legal', 'ip'],
  accountant: ['tax', 'accounting'],
};
const TITLES: Record<string, string> = {
  professor: '教授',
  entrepreneur: '董事长',
  banker: '公司金融部总经理',
  investor: '投资总监',
  lawyer: '合伙人律师',
  accountant: '注册会计师',
};

/**
 * Profiles and office hours of the 60 demo mentors (mentor.<n>@demo.wutong.cn, in DEMO_MENTOR_MIX
 * order): published, in Shanghai time, one or two afternoons or mornings a week. Idempotent (mentors
 * with a profile keep theirs), one statement.
 */
export async function seedMentorProfiles(m: EntityManager): Promise<void> {
  const rows = DEMO_MENTOR_MIX.flatMap(([category, count, affiliations]) =>
    Array.from({ length: count }, (_, k) => ({
      category,
      affiliation: affiliations[k % affiliations.length],
    })),
  ).map((r, i) => {
    const rules: WeeklyRule[] = [
      { weekday: (i % 5) + 1, start: '14:00', end: '17:00', slotMinutes: 60, bufferMinutes: 0 },
    ];
    if (i % 2 === 0)
      rules.push({
        weekday: ((i + 2) % 5) + 1,
        start: '09:30',
        end: '11:30',
        slotMinutes: 30,
        bufferMinutes: 10,
      });
    return { ...r, email: `mentor.${i + 1}@demo.wutong.cn`, rules };
  });
  await m.query(
    `INSERT INTO mentor_profiles (user_id, category, title, affiliation, bio, expertise, languages, published, location, time_zone, rules)
     SELECT u.id, d.category, d.title, d.affiliation, d.bio, string_to_array(d.expertise, ','), ARRAY['zh-CN'], true,
            '衡阳高新区创新中心 3 楼导师工作室', 'Asia/Shanghai', d.rules::jsonb
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
              AS d(email, category, title, affiliation, bio, expertise, rules)
       JOIN users u ON u.email = d.email
     ON CONFLICT (user_id) DO NOTHING`,
    [
      rows.map((r) => r.email),
      rows.map((r) => r.category as MentorCategory),
      rows.map((r) => TITLES[r.category]),
      rows.map((r) => r.affiliation),
      rows.map((r) => `${r.affiliation}${TITLES[r.category]}，长期为高新区创业企业提供辅导。`),
      rows.map((r) => EXPERTISE[r.category].join(',')),
      rows.map((r) => JSON.stringify(r.rules)),
    ],
  );
}
