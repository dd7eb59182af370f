import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventType } from '@wutong/shared';

/** Deterministic pseudo-random numbers, so every demo base looks the same. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TITLES: Record<EventType, string[]> = {
  salon: [
    '创业沙龙：早期项目如何找到第一笔融资',
    '创业沙龙：从技术到产品',
    '创业沙龙：出海第一步',
    '创业沙龙：硬科技创业者的坑与路',
    '创业沙龙：小团队如何招到第一位销售',
  ],
  roadshow: [
    '融资路演日',
    '高新区项目路演专场',
    '大学生创业项目路演',
    '先进制造项目路演',
    '数字经济项目路演',
  ],
  training: ['财税培训：小微企业税收优惠', '财税培训：发票与账务规范', '创业训练营', '股权设计与激励培训'],
  coaching: ['创业辅导：商业计划书一对多', '创业辅导：财务模型', '创业辅导：市场验证'],
  policy_briefing: ['政策解读：高新技术企业认定', '政策解读：研发费用加计扣除', '政策解读：人才引进与补贴'],
  legal_clinic: ['法务咨询：合同审查', '法务咨询：知识产权保护', '法务咨询：劳动用工合规'],
  hr_workshop: ['人力资源：如何搭建薪酬体系', '人力资源：校园招聘实务'],
  competition: ['创客中国衡阳赛区选拔', '创响中国项目遴选'],
  other: ['企业开放日', '产学研对接会'],
};

/** How often each type happens in a year (salons and trainings most). */
const MIX: [EventType, number][] = [
  ['salon', 30],
  ['training', 18],
  ['roadshow', 12],
  ['coaching', 10],
  ['policy_briefing', 10],
  ['legal_clinic', 8],
  ['hr_workshop', 6],
  ['competition', 2],
  ['other', 4],
];

const DAY = 86_400_000;

export interface DemoEventsResult {
  events: number;
  registrations: number;
}

/**
 * About a year of events (300 days back, 60 ahead; ~one a day) across the carriers, with venues,
 * speakers from the mentor pool, multi-session trainings, registration questions, and registrations:
 * past events mostly full, upcoming ones filling, a few popular ones with a waitlist.
 */
export async function seedDemoEvents(
  m: EntityManager,
  carrierIds: string[],
  now = new Date(),
): Promise<DemoEventsResult> {
  const random = prng(20261126);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const founders: { id: string }[] = await m.query(
    `SELECT id FROM users WHERE email LIKE 'founder.%@demo.wutong.cn' ORDER BY email`,
  );
  const mentors: { id: string }[] = await m.query(
    `SELECT id FROM users WHERE 'mentor' = ANY(roles) ORDER BY email`,
  );
  const venueRows: { id: string; organization_id: string }[] = await m.query(
    `INSERT INTO venues (organization_id, name, address, capacity)
     SELECT o, v, '衡阳市高新区解放大道 ' || (10 + i) || ' 号', c
       FROM unnest($1::uuid[], $2::text[], $3::int[]) WITH ORDINALITY AS t(o, v, c, i)
     RETURNING id, organization_id`,
    [
      carrierIds.flatMap((id) => [id, id]),
      carrierIds.flatMap(() => ['一楼路演厅', '三楼培训室']),
      carrierIds.flatMap(() => [200, 60]),
    ],
  );
  const venuesOf = (org: string) => venueRows.filter((v) => v.organization_id === org);
  const weighted = MIX.flatMap(([type, weight]) => Array.from({ length: weight }, () => type));

  const events: {
    id: string;
    org: string;
    type: EventType;
    capacity: number;
    past: boolean;
    popular: boolean;
    starts: Date;
  }[] = [];
  const start = now.getTime() - 300 * DAY;
  for (let day = 0; day < 360; day++) {
    const date = new Date(Math.floor((start + day * DAY) / DAY) * DAY);
    const weekday = date.getUTCDay();
    const count = weekday === 0 ? 0 : weekday === 6 ? (random() < 0.3 ? 1 : 0) : random() < 0.7 ? 1 : 2;
    for (let k = 0; k < count; k++) {
      const type = pick(weighted);
      const org = pick(carrierIds);
      const evening = random() < 0.5;
      // 14:00 or 19:00 in Asia/Shanghai.
      const starts = new Date(date.getTime() + (evening ? 11 : 6) * 3600_000);
      const nights = type === 'training' && random() < 0.6 ? 2 + Math.floor(random() * 3) : 1;
      const capacity =
        type === 'roadshow'
          ? 120
          : type === 'training'
            ? 60
            : type === 'coaching'
              ? 20
              : 30 + Math.floor(random() * 8) * 10;
      const venue = pick(venuesOf(org));
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO events (organization_id, type, title, description, venue_id, capacity, approval_required, waitlist_enabled,
                             status, starts_at, ends_at, questions, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8, $9, $10, $11::jsonb, $9::timestamptz - interval '14 days') RETURNING id`,
        [
          org,
          type,
          pick(TITLES[type]),
          `${pick(TITLES[type])}。面向基地入驻企业与创业团队，欢迎报名。`,
          venue.id,
          capacity,
          type === 'roadshow',
          starts.getTime() + nights * DAY < now.getTime() ? 'completed' : 'published',
          starts,
          new Date(starts.getTime() + (nights - 1) * DAY + 2.5 * 3600_000),
          JSON.stringify([
            {
              id: randomUUIDLike(random),
              label: '公司名称',
              kind: 'short_text',
              required: true,
              options: [],
            },
            {
              id: randomUUIDLike(random),
              label: '想了解的问题',
              kind: 'long_text',
              required: false,
              options: [],
            },
          ]),
        ],
      );
      await m.query(
        `INSERT INTO event_sessions (event_id, organization_id, starts_at, ends_at, title)
         SELECT $1, $2, $3::timestamptz + (n * interval '1 day'), $3::timestamptz + (n * interval '1 day') + interval '150 minutes',
                CASE WHEN $4 > 1 THEN '第 ' || (n + 1) || ' 讲' END
           FROM generate_series(0, $4 - 1) AS n`,
        [row.id, org, starts, nights],
      );
      if (random() < 0.6)
        await m.query(`INSERT INTO event_speakers (event_id, organization_id, user_id) VALUES ($1, $2, $3)`, [
          row.id,
          org,
          pick(mentors).id,
        ]);
      events.push({ id: row.id, org, type, capacity, past: starts < now, popular: random() < 0.08, starts });
    }
  }

  // Registrations: past events 55–95% full; upcoming ones filling up; popular ones over capacity.
  const regs: {
    event: string;
    org: string;
    user: string;
    status: string;
    ticket: string | null;
    seq: number | null;
    at: Date;
  }[] = [];
  let seq = 0;
  for (const e of events) {
    const share = e.past ? 0.55 + random() * 0.4 : e.popular ? 1.3 : 0.2 + random() * 0.5;
    const wanted = Math.min(founders.length, Math.round(e.capacity * share));
    const offset = Math.floor(random() * founders.length);
    for (let i = 0; i < wanted; i++) {
      const user = founders[(offset + i * 7) % founders.length].id;
      const confirmed = i < e.capacity;
      const pending = e.type === 'roadshow' && !e.past && i % 3 === 0;
      regs.push({
        event: e.id,
        org: e.org,
        user,
        status: pending ? 'pending_approval' : confirmed ? 'confirmed' : 'waitlisted',
        ticket: !pending && confirmed ? randomBytes(16).toString('base64url') : null,
        seq: !pending && !confirmed ? ++seq : null,
        at: new Date(e.starts.getTime() - (1 + random() * 13) * DAY),
      });
    }
  }
  // Distinct (event, user): the stride of 7 over 240 founders never repeats within one event.
  await m.query(
    `INSERT INTO registrations (event_id, organization_id, user_id, status, ticket_code, waitlist_seq, created_at, confirmed_at, answers)
     SELECT e, o, u, s, t, q, a, CASE WHEN s = 'confirmed' THEN a END, '{}'::jsonb
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::timestamptz[]) AS x(e, o, u, s, t, q, a)`,
    [
      regs.map((r) => r.event),
      regs.map((r) => r.org),
      regs.map((r) => r.user),
      regs.map((r) => r.status),
      regs.map((r) => r.ticket),
      regs.map((r) => r.seq),
      regs.map((r) => r.at),
    ],
  );
  await m.query(`SELECT setval('registrations_waitlist_seq', greatest($1, 1))`, [seq]);
  await m.query(
    `UPDATE events e SET seats_taken = c.n
       FROM (SELECT event_id, count(*)::int AS n FROM registrations WHERE status = 'confirmed' GROUP BY event_id) c
      WHERE c.event_id = e.id`,
  );
  return { events: events.length, registrations: regs.length };
}

function randomUUIDLike(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
