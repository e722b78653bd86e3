import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Migrator, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client.server'
import { migrationProvider } from '../../db/migrations'

describe('migration 0049 (self-assessed totals)', () => {
  it('keeps the self-assessed total of each application already submitted, and none for a draft', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'award-migration-'))
    const db = openDatabase(path.join(dir, 'a.sqlite'))
    try {
      const migrator = new Migrator({ db, provider: migrationProvider })
      expect((await migrator.migrateTo('0048_draw_min_rating')).error).toBeUndefined()
      const edition = await db.selectFrom('criteria_editions').select('id').executeTakeFirstOrThrow()
      const items = await db
        .selectFrom('criteria_items')
        .innerJoin('criteria_categories', 'criteria_categories.id', 'criteria_items.category_id')
        .select('criteria_items.points')
        .where('criteria_categories.edition_id', '=', edition.id)
        .execute()
      await sql`insert into cycles (year, name_zh, name_en, edition_id, submission_deadline, min_reviewers, created_at)
        values (2025, '2025', '2025', ${edition.id}, '2025-12-31T00:00:00.000Z', 3, 'x')`.execute(db)
      for (const n of [1, 2, 3])
        await sql`insert into organisations (id, name, uscc, contact_person, phone, email, created_at)
          values (${n}, ${`公司${n}`}, ${`91440300MA5F000${n}X1`}, '张', '0755-1', ${`a${n}@t.example`}, 'x')`.execute(
          db,
        )
      const all = JSON.stringify({ sections: [], selfScores: items.map(() => '60') })
      const some = JSON.stringify({ sections: [], selfScores: ['60'] })
      for (const [id, submitted, texts] of [
        [1, 'x', all],
        [2, 'x', some],
        [3, null, all],
      ] as const) {
        await sql`insert into applications (id, cycle_id, organisation_id, status, snapshot, last_step, submitted_at, created_at, updated_at)
          values (${id}, 1, ${id}, ${submitted ? 'eligibilityReview' : 'draft'}, '{}', 'summary', ${submitted}, 'x', 'x')`.execute(
          db,
        )
        await sql`insert into application_texts (application_id, profile, declarations, self_assessment)
          values (${id}, '{}', '{}', ${texts})`.execute(db)
      }
      expect((await migrator.migrateTo('0049_self_totals')).error).toBeUndefined()
      const total = items.reduce((sum, item) => sum + item.points * 60, 0)
      expect(await db.selectFrom('application_self_totals').selectAll().orderBy('application_id').execute()).toEqual([
        { application_id: 1, items_scored: items.length, points: total },
        { application_id: 2, items_scored: 1, points: null },
      ])
      expect(total).toBe(60_000)
    } finally {
      await db.destroy()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
