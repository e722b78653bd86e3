import { describe, expect, it } from 'vitest'
import { getCriteriaTree } from '../../db/repositories/criteria'
import { world } from './helpers'

describe('an edition\u2019s criteria tree, read once per database handle', () => {
  it('is the same frozen tree each time, with the 23 items of GB/T 19580 under their categories, and cannot be changed by a page', async () => {
    const w = await world()
    const first = await getCriteriaTree(w.db, w.cycle.edition_id)
    expect(await getCriteriaTree(w.db, w.cycle.edition_id)).toBe(first)
    expect(first.categories.flatMap((c) => c.items)).toHaveLength(23)
    expect(first.categories.reduce((sum, c) => sum + c.points, 0)).toBe(1000)
    expect(() => first.categories.push(first.categories[0]!)).toThrow(TypeError)
    expect(() => {
      first.categories[0]!.items[0]!.points = 0
    }).toThrow(TypeError)
    // A transaction's handle reads its own, the same tree.
    const inTransaction = await w.db.transaction().execute((trx) => getCriteriaTree(trx, w.cycle.edition_id))
    expect(inTransaction).not.toBe(first)
    expect(inTransaction).toEqual(first)
  })
})
