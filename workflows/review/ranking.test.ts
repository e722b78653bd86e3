import { describe, expect, it } from 'vitest'
import { departsFromRanking } from './ranking'

// Level orders: 1 gold, 2 silver, 3 bronze; null = not awarded; undefined = not decided yet.
describe('a decision that departs from the ranking', () => {
  const places = (levels: Array<number | null | undefined>) =>
    levels.map((levelOrder, i) => ({ applicationId: i + 1, rank: i + 1, levelOrder }))

  it('is one that gives a lower-ranked application more than a higher-ranked one got', () => {
    expect(departsFromRanking(places([null, undefined]), 2, 1)).toBe(true) // first not awarded, second gold
    expect(departsFromRanking(places([2, undefined]), 2, 1)).toBe(true) // first silver, second gold
    expect(departsFromRanking(places([1, undefined]), 2, 2)).toBe(false) // first gold, second silver
  })

  it('is one that gives a higher-ranked application less than a lower-ranked one got', () => {
    expect(departsFromRanking(places([undefined, 1]), 1, null)).toBe(true)
    expect(departsFromRanking(places([undefined, 3]), 1, 3)).toBe(false) // equal levels keep the order
  })

  it('ignores undecided applications and applications sharing a rank', () => {
    expect(departsFromRanking(places([undefined, undefined]), 2, 1)).toBe(false)
    const tied = [
      { applicationId: 1, rank: 1, levelOrder: null },
      { applicationId: 2, rank: 1, levelOrder: undefined },
    ]
    expect(departsFromRanking(tied, 2, 1)).toBe(false)
  })
})
