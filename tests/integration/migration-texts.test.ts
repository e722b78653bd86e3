import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Migrator, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client.server'
import { migrationProvider } from '../../db/migrations'

describe('migration 0029 (long texts apart)', () => {
  it('moves each application\u2019s profile, declarations and self-assessment into application_texts, unchanged, and out of the row', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'award-migration-'))
    const db = openDatabase(path.join(dir, 'a.sqlite'))
    try {
      const migrator = new Migrator({ db, provider: migrationProvider })
      expect((await migrator.migrateTo('0028_desk_index')).error).toBeUndefined()
      const edition = await db.selectFrom('criteria_editions').select('id').executeTakeFirstOrThrow()
      const cycle = await db
        .insertInto('cycles')
        .values({
          year: 2025,
          name_zh: '2025',
          name_en: '2025',
          edition_id: edition.id,
          submission_deadline: '2025-12-31T00:00:00.000Z',
          min_reviewers: 3,
          results_published_at: null,
          created_at: '2025-01-01T00:00:00.000Z',
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
      const organisation = await db
        .insertInto('organisations')
        .values({
          name: '甲公司',
          uscc: '91440300MA5F0000X1',
          contact_person: '张',
          phone: '0755-1',
          email: 'a@t.example',
          created_at: '2025-01-01T00:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const long = '自评'.repeat(15_000)
      await sql`insert into applications (cycle_id, organisation_id, status, snapshot, category_code, award_type, project_name, profile, declarations, self_assessment, last_step, submitted_at, decision_level_id, decision_reason, created_at, updated_at)
        values (${cycle.id}, ${organisation.id}, 'draft', '{}', null, null, null, '{"industry":"electronics"}', '{"goodCredit":{}}', ${long}, 'profile', null, null, null, 'x', 'x')`.execute(
        db,
      )
      expect((await migrator.migrateTo('0029_application_texts')).error).toBeUndefined()
      expect(await db.selectFrom('application_texts').selectAll().execute()).toEqual([
        {
          application_id: 1,
          profile: '{"industry":"electronics"}',
          declarations: '{"goodCredit":{}}',
          self_assessment: long,
        },
      ])
      const columns = (await sql<{ name: string }>`pragma table_info(applications)`.execute(db)).rows.map((c) => c.name)
      expect(columns).not.toContain('self_assessment')
      expect(columns).not.toContain('profile')
    } finally {
      await db.destroy()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
