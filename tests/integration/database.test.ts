import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { getCriteriaTree, getEditionByCode } from '../../db/repositories/criteria'

describe('the SQLite database', () => {
  it('opens every connection with WAL, full sync, foreign keys and a busy timeout', async () => {
    const db = getDb()
    const pragma = async (name: string) =>
      (await sql.raw(`PRAGMA ${name}`).execute(db)).rows[0] as Record<string, unknown>
    expect(Object.values(await pragma('journal_mode'))[0]).toBe('wal')
    expect(Object.values(await pragma('synchronous'))[0]).toBe(2) // FULL
    expect(Object.values(await pragma('foreign_keys'))[0]).toBe(1)
    // Short: SQLite blocks the whole process while it waits; longer waits happen between tries (sqlite-dialect.ts).
    expect(Object.values(await pragma('busy_timeout'))[0]).toBe(25)
  })

  it('holds the GB/T 19580-2012 tree: 7 categories, 23 items, 1000 points, each category the sum of its items', async () => {
    const db = getDb()
    const edition = await getEditionByCode(db, 'GB/T 19580-2012')
    const tree = await getCriteriaTree(db, edition!.id)
    expect(tree.categories.map((c) => [c.code, c.points])).toEqual([
      ['4.1', 110],
      ['4.2', 90],
      ['4.3', 90],
      ['4.4', 130],
      ['4.5', 100],
      ['4.6', 80],
      ['4.7', 400],
    ])
    expect(tree.categories.flatMap((c) => c.items)).toHaveLength(23)
    for (const category of tree.categories) {
      expect(category.items.reduce((sum, item) => sum + item.points, 0)).toBe(category.points)
    }
    expect(tree.categories.reduce((sum, c) => sum + c.points, 0)).toBe(1000)
  })
})

describe('finding applications', () => {
  it('searches by organisation name or credit code, treating % and _ literally', async () => {
    const { world } = await import('./helpers')
    const { createCompleteDraft } = await import('../../db/factories')
    const { listApplicationsOfCycle } = await import('../../db/repositories/applications')
    const w = await world()
    await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    await createCompleteDraft(w.db, w.otherApplicant, w.cycle.id)
    const names = async (q: string) =>
      (await listApplicationsOfCycle(w.db, w.cycle.id, undefined, q)).map((a) => a.organisation_name)
    expect(await names('甲')).toEqual(['甲公司'])
    const uscc = (
      await w.db
        .selectFrom('organisations')
        .select('uscc')
        .where('id', '=', w.otherApplicant.organisationId!)
        .executeTakeFirstOrThrow()
    ).uscc
    expect(await names(uscc.slice(-6))).toEqual(['乙公司'])
    expect(await names('%')).toEqual([])
    expect(await names('_')).toEqual([])
  })
})
