import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Migrator } from 'kysely'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client.server'
import { migrationProvider } from '../../db/migrations'

describe('migration 0024 (award types)', () => {
  it('adds the nomination, project and special contribution awards to open cycles, without places, and leaves published cycles as they were', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'award-migration-'))
    const db = openDatabase(path.join(dir, 'a.sqlite'))
    try {
      const migrator = new Migrator({ db, provider: migrationProvider })
      expect((await migrator.migrateTo('0023_defence_and_site_visit')).error).toBeUndefined()
      const edition = await db.selectFrom('criteria_editions').select('id').executeTakeFirstOrThrow()
      for (const [year, published] of [
        [2024, '2024-11-20T02:00:00.000Z'],
        [2025, null],
      ] as const) {
        const cycle = await db
          .insertInto('cycles')
          .values({
            year,
            name_zh: `${year}`,
            name_en: `${year}`,
            edition_id: edition.id,
            submission_deadline: `${year}-12-31T00:00:00.000Z`,
            min_reviewers: 3,
            results_published_at: published,
            created_at: `${year}-01-01T00:00:00.000Z`,
          } as never)
          .returning('id')
          .executeTakeFirstOrThrow()
        await db
          .insertInto('cycle_categories')
          .values({ cycle_id: cycle.id, code: 'culture', name_zh: '文化', name_en: 'Culture', position: 0 })
          .execute()
        await db
          .insertInto('award_levels')
          .values([
            {
              cycle_id: cycle.id,
              category_code: 'culture',
              code: 'gold',
              name_zh: '金奖',
              name_en: 'Gold award',
              quota: 2,
              rank: 1,
            },
            {
              cycle_id: cycle.id,
              category_code: 'culture',
              code: 'silver',
              name_zh: '银奖',
              name_en: 'Silver award',
              quota: 2,
              rank: 2,
            },
          ] as never)
          .execute()
      }
      expect((await migrator.migrateTo('0024_award_types')).error).toBeUndefined()
      const levels = await db
        .selectFrom('award_levels')
        .innerJoin('cycles', 'cycles.id', 'award_levels.cycle_id')
        .select([
          'cycles.year',
          'award_levels.code',
          'award_levels.quota',
          'award_levels.rank',
          'award_levels.award_type',
          'award_levels.outside_quota',
        ])
        .orderBy('cycles.year')
        .orderBy('award_levels.rank')
        .execute()
      expect(levels.map((l) => [l.year, l.code, l.quota, l.rank, l.award_type, l.outside_quota])).toEqual([
        [2024, 'gold', 2, 1, 'organisation', 0],
        [2024, 'silver', 2, 2, 'organisation', 0],
        [2025, 'gold', 2, 1, 'organisation', 0],
        [2025, 'silver', 2, 2, 'organisation', 0],
        [2025, 'nomination', 0, 3, 'organisation', 0],
        [2025, 'project', 0, 4, 'project', 0],
        [2025, 'special', 0, 5, 'organisation', 1],
      ])
    } finally {
      await db.destroy()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
