import { rankMentors, scoreMentor, WEIGHTS, type Candidate, type Need } from './matching.score';

const mentor = (over: Partial<Candidate> = {}): Candidate => ({
  mentorId: '00000000-0000-4000-8000-000000000001',
  category: 'other',
  expertise: [],
  languages: [],
  freeSlots: 0,
  nextSlot: null,
  ratingAverage: null,
  ratingCount: 0,
  upcoming: 0,
  ...over,
});
const need = (over: Partial<Need> = {}): Need => ({ text: '想聊聊融资', locale: 'zh-CN', ...over });
const reason = (s: ReturnType<typeof scoreMentor>, code: string) => s.reasons.find((r) => r.code === code);

describe('the matching score', () => {
  it('gives points per expertise tag the need asks for, by its words, industry and stage, at most three', () => {
    const one = scoreMentor(need(), mentor({ expertise: ['financing', 'legal'] }));
    expect(reason(one, 'expertise')).toEqual({
      code: 'expertise',
      points: WEIGHTS.expertisePerTag,
      matched: ['financing'],
    });
    // software → technology, ip; growth → financing, hr: four tags match, three count.
    const four = scoreMentor(
      need({ industry: 'software', stage: 'growth' }),
      mentor({ expertise: ['financing', 'technology', 'ip', 'hr', 'legal'] }),
    );
    expect(reason(four, 'expertise')).toEqual({
      code: 'expertise',
      points: 3 * WEIGHTS.expertisePerTag,
      matched: ['financing', 'technology', 'ip', 'hr'],
    });
    // A mentor's own tag counts when the need's words name it.
    const own = scoreMentor(need({ text: '跨境物流怎么做' }), mentor({ expertise: ['跨境物流'] }));
    expect(reason(own, 'expertise')).toMatchObject({ matched: ['跨境物流'] });
    expect(own.relevant).toBe(true);
  });

  it('gives the category points for the category asked for, or named in the words when none is', () => {
    expect(
      reason(scoreMentor(need({ category: 'lawyer' }), mentor({ category: 'lawyer' })), 'category'),
    ).toEqual({
      code: 'category',
      points: WEIGHTS.category,
      category: 'lawyer',
    });
    expect(
      reason(scoreMentor(need({ text: '找个投资人聊聊' }), mentor({ category: 'investor' })), 'category'),
    ).toBeDefined();
    // An explicit category wins over the words.
    expect(
      reason(
        scoreMentor(need({ text: '找个投资人', category: 'lawyer' }), mentor({ category: 'investor' })),
        'category',
      ),
    ).toBeUndefined();
  });

  it("gives the language points when the mentor speaks the founder's language", () => {
    expect(reason(scoreMentor(need(), mentor({ languages: ['zh-CN', 'en'] })), 'languages')).toEqual({
      code: 'languages',
      points: WEIGHTS.language,
      matched: ['zh-CN'],
    });
    expect(
      reason(scoreMentor(need({ locale: 'en' }), mentor({ languages: ['zh-CN'] })), 'languages'),
    ).toBeUndefined();
  });

  it('gives points per free slot in the next 14 days, at most ten, and always says how many there are', () => {
    expect(reason(scoreMentor(need(), mentor({ freeSlots: 3 })), 'freeSlots')).toEqual({
      code: 'freeSlots',
      points: 3 * WEIGHTS.perFreeSlot,
      count: 3,
      days: 14,
    });
    expect(reason(scoreMentor(need(), mentor({ freeSlots: 40 })), 'freeSlots')).toMatchObject({
      points: 20,
      count: 40,
    });
    expect(reason(scoreMentor(need(), mentor()), 'freeSlots')).toMatchObject({ points: 0, count: 0 });
  });

  it('rates above and below three stars, in full from five ratings', () => {
    expect(reason(scoreMentor(need(), mentor({ ratingAverage: 5, ratingCount: 5 })), 'rating')).toEqual({
      code: 'rating',
      points: 14,
      average: 5,
      count: 5,
    });
    expect(reason(scoreMentor(need(), mentor({ ratingAverage: 5, ratingCount: 1 })), 'rating')).toMatchObject(
      {
        points: 2.8,
      },
    );
    expect(
      reason(scoreMentor(need(), mentor({ ratingAverage: 2, ratingCount: 10 })), 'rating'),
    ).toMatchObject({
      points: -7,
    });
    expect(reason(scoreMentor(need(), mentor()), 'rating')).toBeUndefined();
  });

  it('takes points off for the current load, at most ten', () => {
    expect(reason(scoreMentor(need(), mentor({ upcoming: 2 })), 'load')).toEqual({
      code: 'load',
      points: -4,
      upcoming: 2,
    });
    expect(reason(scoreMentor(need(), mentor({ upcoming: 9 })), 'load')).toMatchObject({ points: -10 });
    expect(reason(scoreMentor(need(), mentor()), 'load')).toBeUndefined();
  });

  it('sums the reasons into a score between 0 and 100', () => {
    const best = scoreMentor(
      need({ category: 'investor', industry: 'software', stage: 'growth' }),
      mentor({
        category: 'investor',
        expertise: ['financing', 'technology', 'hr'],
        languages: ['zh-CN'],
        freeSlots: 12,
        ratingAverage: 5,
        ratingCount: 8,
      }),
    );
    expect(best.score).toBe(100);
    const low = scoreMentor(
      need(),
      mentor({ expertise: ['financing'], ratingAverage: 1, ratingCount: 5, upcoming: 6 }),
    );
    expect(low.score).toBe(0);
  });

  it('suggests only relevant mentors, at most five, best first, ties to the earlier free slot then the id', () => {
    const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    const ranked = rankMentors(need(), [
      mentor({
        mentorId: id(1),
        expertise: ['financing'],
        freeSlots: 1,
        nextSlot: '2030-01-02T02:00:00.000Z',
      }),
      mentor({
        mentorId: id(2),
        expertise: ['financing'],
        freeSlots: 1,
        nextSlot: '2030-01-01T02:00:00.000Z',
      }),
      mentor({ mentorId: id(3), expertise: ['financing'], freeSlots: 5 }),
      mentor({ mentorId: id(4), expertise: ['legal'], freeSlots: 10 }),
      mentor({ mentorId: id(5), expertise: ['financing'] }),
      mentor({ mentorId: id(6), expertise: ['financing'] }),
      mentor({ mentorId: id(7), expertise: ['financing'] }),
    ]);
    expect(ranked.map((s) => s.mentorId)).toEqual([id(3), id(2), id(1), id(5), id(6)]);
    expect(ranked.every((s) => s.reasons.some((r) => r.code === 'expertise'))).toBe(true);
  });
});
