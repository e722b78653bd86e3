import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Migrator } from 'kysely'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client.server'
import { migrationProvider } from '../../db/migrations'
import { replaceRelations } from '../../db/repositories/experts'
import { organisationKeys } from '../../workflows/experts/organisation-keys'
import { updateExpert } from '../../workflows/experts/pool.server'
import { world } from './helpers'

describe('organisation keys stored beside the text (issue 17)', () => {
  it('migration 0045 computes the keys of the rows already there', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'award-migration-'))
    const db = openDatabase(path.join(dir, 'a.sqlite'))
    try {
      const migrator = new Migrator({ db, provider: migrationProvider })
      expect((await migrator.migrateTo('0044_expert_ratings')).error).toBeUndefined()
      await db
        .insertInto('organisations')
        .values({
          name: '深圳市鹏城电子（集团）有限公司',
          uscc: '91440300708461136T',
          contact_person: '张',
          phone: '0755-1',
          email: 'a@t.example',
          created_at: '2025-01-01T00:00:00.000Z',
        } as never)
        .execute()
      const user = await db
        .insertInto('users')
        .values({
          email: 'r@t.example',
          password_hash: 'x',
          role: 'reviewer',
          display_name: '专家',
          organisation_id: null,
          expertise: null,
          created_at: 'x',
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
      const expert = await db
        .insertInto('experts')
        .values({
          user_id: user.id,
          kind: 'examiner',
          fields: '',
          industries: '[]',
          employer_name: 'Pengcheng Electronics Co.,Ltd',
          employer_uscc: '91440300 708461136t',
          qualification: '',
          updated_at: 'x',
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
      await db
        .insertInto('expert_relations')
        .values({
          expert_id: expert.id,
          kind: 'consultingClient',
          name: '鹏城电子(集团)',
          uscc: '不详',
          ended_on: null,
        })
        .execute()
      expect((await migrator.migrateTo('0045_organisation_keys')).error).toBeUndefined()
      expect(await db.selectFrom('organisations').select(['name_key', 'uscc_key']).execute()).toEqual([
        { name_key: '深圳市鹏城电子集团有限公司', uscc_key: '91440300708461136T' },
      ])
      expect(await db.selectFrom('experts').select(['employer_name_key', 'employer_uscc_key']).execute()).toEqual([
        { employer_name_key: 'PENGCHENGELECTRONICSCOLTD', employer_uscc_key: '91440300708461136T' },
      ])
      expect(await db.selectFrom('expert_relations').select(['name_key', 'uscc_key']).execute()).toEqual([
        { name_key: '鹏城电子集团', uscc_key: null },
      ])
    } finally {
      await db.destroy()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('every writer stores the keys of what it writes: registration, the pool form, the ties', async () => {
    const w = await world()
    const organisation = await w.db
      .selectFrom('organisations')
      .select(['name', 'uscc', 'name_key', 'uscc_key'])
      .where('id', '=', w.applicant.organisationId!)
      .executeTakeFirstOrThrow()
    expect({ name: organisation.name_key, uscc: organisation.uscc_key }).toEqual(
      organisationKeys(organisation.name, organisation.uscc),
    )
    const expert = await w.db
      .selectFrom('experts')
      .select(['id', 'version'])
      .where('user_id', '=', w.reviewers[0]!.userId)
      .executeTakeFirstOrThrow()
    await updateExpert(w.db, {
      expertId: expert.id,
      expectedVersion: expert.version,
      actor: w.admin,
      record: {
        kind: 'examiner',
        fields: '',
        industries: [],
        employerName: 'Shenzhen Bay Instruments Co., Ltd.',
        employerUscc: '９１４４０３００７０８４６１１３６Ｔ',
        qualification: '',
        active: true,
      },
      relations: [{ kind: 'formerEmployer', name: '前海　物流（集团）', uscc: null, endedOn: '2024-06-30' }],
    })
    expect(
      await w.db
        .selectFrom('experts')
        .select(['employer_name_key', 'employer_uscc_key'])
        .where('id', '=', expert.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ employer_name_key: 'SHENZHENBAYINSTRUMENTSCOLTD', employer_uscc_key: '91440300708461136T' })
    await replaceRelations(w.db, expert.id, [
      { kind: 'competitor', name: 'Qianhai Logistics', uscc: '91440300-708461136-T', endedOn: null },
    ])
    expect(
      await w.db
        .selectFrom('expert_relations')
        .select(['name_key', 'uscc_key'])
        .where('expert_id', '=', expert.id)
        .execute(),
    ).toEqual([{ name_key: 'QIANHAILOGISTICS', uscc_key: '91440300708461136T' }])
  })

  it('never keeps a key that no longer belongs to its text: a write of the text alone leaves the keys unknown', async () => {
    const w = await world()
    const expertId = (
      await w.db
        .selectFrom('experts')
        .select('id')
        .where('user_id', '=', w.reviewers[1]!.userId)
        .executeTakeFirstOrThrow()
    ).id
    await replaceRelations(w.db, expertId, [{ kind: 'competitor', name: '丙公司', uscc: null, endedOn: null }])
    // As a script or a hand-made fix would write it, past the repositories.
    await w.db.updateTable('experts').set({ employer_name: '甲公司' }).where('id', '=', expertId).execute()
    await w.db
      .updateTable('expert_relations')
      .set({ uscc: '91440300708461136T' })
      .where('expert_id', '=', expertId)
      .execute()
    await w.db
      .updateTable('organisations')
      .set({ name: '甲 公司（深圳）' })
      .where('id', '=', w.applicant.organisationId!)
      .execute()
    expect(
      await w.db
        .selectFrom('experts')
        .select(['employer_name_key', 'employer_uscc_key'])
        .where('id', '=', expertId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ employer_name_key: null, employer_uscc_key: null })
    expect(
      await w.db
        .selectFrom('expert_relations')
        .select(['name_key', 'uscc_key'])
        .where('expert_id', '=', expertId)
        .execute(),
    ).toEqual([{ name_key: null, uscc_key: null }])
    expect(
      await w.db
        .selectFrom('organisations')
        .select(['name_key', 'uscc_key'])
        .where('id', '=', w.applicant.organisationId!)
        .executeTakeFirstOrThrow(),
    ).toEqual({ name_key: null, uscc_key: null })
    // A writer that stores keys with the text keeps them.
    await w.db
      .updateTable('organisations')
      .set({ name: '甲公司', ...{ name_key: '甲公司', uscc_key: null } })
      .where('id', '=', w.applicant.organisationId!)
      .execute()
    expect(
      await w.db
        .selectFrom('organisations')
        .select('name_key')
        .where('id', '=', w.applicant.organisationId!)
        .executeTakeFirstOrThrow(),
    ).toEqual({ name_key: '甲公司' })
  })
})
