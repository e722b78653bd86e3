import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { describe, expect, it, vi } from 'vitest'
import { DatabaseStartError, openDatabase } from '../../db/client.server'
import { createCompleteDraft } from '../../db/factories'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import * as applicantEdit from '~/routes/applicant.applications.$id.edit.$step/route'
import * as healthz from '~/routes/healthz'
import { world } from '../integration/helpers'
import { args, post, respond } from './http'

describe('a full disk', () => {
  it('answers a save with 503 "storage full, nothing was saved", logs SQLITE_FULL, and reports it on /healthz until there is room', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const before = await loadApplicationForUpdate(w.db, draft.id)
    const save = async (text: string) => {
      const version = (await loadApplicationForUpdate(w.db, draft.id))!.version
      const request = await post(
        `/applicant/applications/${draft.id}/edit/selfAssessment`,
        { intent: 'draft', version: String(version), 'sections.0': text },
        { userId: w.applicant.userId },
      )
      return respond(async () => applicantEdit.action(args(request, { id: String(draft.id), step: 'selfAssessment' })))
    }
    const logged: string[] = []
    vi.mocked(console.error).mockImplementation((...parts: unknown[]) => void logged.push(parts.map(String).join(' ')))
    // The file may not grow by a single page: what a full disk does to SQLite.
    const pages = Number((await sql<{ page_count: number }>`pragma page_count`.execute(w.db)).rows[0]!.page_count)
    const request = await post(
      `/applicant/applications/${draft.id}/edit/selfAssessment`,
      { intent: 'draft', version: String(before!.version), 'sections.0': '卓越绩效'.repeat(7_000) },
      { userId: w.applicant.userId },
    )
    await sql.raw(`pragma max_page_count = ${pages}`).execute(w.db)
    const full = await respond(async () =>
      applicantEdit.action(args(request, { id: String(draft.id), step: 'selfAssessment' })),
    )
    expect(full.status).toBe(503)
    expect(await full.json()).toEqual({ messageKey: 'errors.storageFull' })
    expect(logged.join('\n')).toContain('SQLITE_FULL')
    const health = await respond(async () => healthz.loader())
    expect(health.status).toBe(503)
    expect(await health.text()).toContain('storage full')

    await sql.raw('pragma max_page_count = 1073741823').execute(w.db)
    expect(await loadApplicationForUpdate(w.db, draft.id)).toEqual(before)
    expect((await save('有空间了')).status).toBe(302)
    expect((await respond(async () => healthz.loader())).status).toBe(200)
  })
})

describe('a database that cannot be used', () => {
  it('refuses to open, saying which file and why', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'award-bad-db-'))
    const notADatabase = path.join(dir, 'award.sqlite')
    fs.writeFileSync(notADatabase, 'this is not a database, it is a text file '.repeat(200))
    expect(() => openDatabase(notADatabase)).toThrow(DatabaseStartError)
    expect(() => openDatabase(notADatabase)).toThrow(/cannot open the database .*award\.sqlite: file is not a database/)
    const blocked = path.join(dir, 'plain-file')
    fs.writeFileSync(blocked, '')
    expect(() => openDatabase(path.join(blocked, 'award.sqlite'))).toThrow(DatabaseStartError)
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
