import { describe, expect, it } from 'vitest'
import { groupBy } from './group-by'

describe('groupBy', () => {
  it('groups rows by key, keeping their order within each group and the order keys first appear', () => {
    const groups = groupBy(
      [
        { k: 'b', v: 1 },
        { k: 'a', v: 2 },
        { k: 'b', v: 3 },
      ],
      (r) => r.k,
    )
    expect([...groups.keys()]).toEqual(['b', 'a'])
    expect(groups.get('b')!.map((r) => r.v)).toEqual([1, 3])
    expect(groups.get('a')!.map((r) => r.v)).toEqual([2])
  })
})
