import { CappedMap } from './capped-map';

describe('CappedMap', () => {
  it('drops the oldest entry when a new key comes to a full map', () => {
    const m = new CappedMap<string, number>(2);
    m.set('a', 1).set('b', 2).set('c', 3);
    expect([...m.keys()]).toEqual(['b', 'c']);
  });

  it('keeps every entry when a key it holds is set again', () => {
    const m = new CappedMap<string, number>(2);
    m.set('a', 1).set('b', 2).set('a', 10);
    expect([...m.entries()]).toEqual([
      ['a', 10],
      ['b', 2],
    ]);
  });
});
