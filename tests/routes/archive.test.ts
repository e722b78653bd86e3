import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStaffAccount } from '../../db/factories'
import { archivedTables } from '../../db/repositories/archive'
import { postToThread } from '../../workflows/application/thread.server'
import { startPublicNotice } from '../../workflows/cycle/cycle.server'
import * as archivePage from '~/routes/admin.archive'
import * as download from '~/routes/admin.archive.$id[.]zip'
import { verifyArchive } from '~/utils/archive.server'
import { approveAndPublish, decideLevel, inDocumentReview, rejection, submitSheet, world } from '../integration/helpers'
import { args, get, post, respond } from './http'

/** The cycle's archive (issue 22): every row of the cycle and every file it names, with a manifest of hashes. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'award-archive-'))
beforeAll(() => {
  process.env.ARCHIVES_DIR = dir
})
afterAll(() => {
  delete process.env.ARCHIVES_DIR
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('the cycle’s archive (issue 22)', () => {
  it('after publication holds every row of the cycle and every file, each hash checks, and the cycle is read-only', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 85)
    const build = async (userId: number) =>
      respond(async () =>
        archivePage.action(args(await post('/admin/archive', { cycleId: String(w.cycle.id) }, { userId }))),
      )
    // Not before the results are published.
    const early = await build(w.admin.userId)
    expect(early.status).toBe(409)
    await decideLevel(w, app.id, 'silver', '委员会审定')
    await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: '2030-01-07T02:00:00.000Z' })
    await approveAndPublish(w, '2030-01-14T00:00:00.000Z')
    // Only the secretariat builds it.
    const agency = await createStaffAccount(w.db, {
      role: 'admin',
      name: '评审机构',
      email: `agency-archive-${w.cycle.year}@t.example`,
      password: 'password-123',
      offices: ['agency'],
    })
    expect((await build(agency.userId)).status).toBe(403)
    expect((await build(w.admin.userId)).status).toBe(302)

    const archive = await w.db
      .selectFrom('cycle_archives')
      .selectAll()
      .where('cycle_id', '=', w.cycle.id)
      .executeTakeFirstOrThrow()
    expect(verifyArchive(archive.folder)).toEqual({ ok: true, problems: [] })
    const manifest = JSON.parse(fs.readFileSync(path.join(archive.folder, 'manifest.json'), 'utf8')) as {
      tables: Record<string, number>
      files: Array<{ path: string }>
    }
    // Every row of the cycle: the archived tables hold exactly the rows the database has for it.
    const read = (table: string) =>
      JSON.parse(fs.readFileSync(path.join(archive.folder, 'tables', `${table}.json`), 'utf8')) as Array<{
        id?: number
        application_id?: number
      }>
    expect(read('applications').map((a) => a.id)).toEqual([app.id])
    const sheets = await w.db
      .selectFrom('score_sheets')
      .innerJoin('assignments', 'assignments.id', 'score_sheets.assignment_id')
      .select('score_sheets.id')
      .where('assignments.application_id', '=', app.id)
      .orderBy('score_sheets.id')
      .execute()
    expect(read('score_sheets').map((s) => s.id)).toEqual(sheets.map((s) => s.id))
    expect(manifest.tables.item_scores).toBe(sheets.length * 23)
    const audit = await w.db
      .selectFrom('audit_log')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('entity', '=', 'application'), eb('entity_id', '=', app.id)]),
          eb.and([eb('entity', '=', 'cycle'), eb('entity_id', '=', w.cycle.id)]),
          eb.and([
            eb('entity', '=', 'score_sheet'),
            eb(
              'entity_id',
              'in',
              sheets.map((s) => s.id),
            ),
          ]),
        ]),
      )
      .where('event', '!=', 'ARCHIVE')
      .execute()
    expect(read('audit_log').length).toBeGreaterThanOrEqual(audit.length)
    for (const { table } of archivedTables) expect(manifest.tables[table], table).toBe(read(table).length)
    // The evidence files the application names, and the application as submitted.
    const evidence = await w.db
      .selectFrom('attachments')
      .select('sha256')
      .where('application_id', '=', app.id)
      .execute()
    expect(evidence.length).toBeGreaterThan(0)
    for (const file of evidence) expect(manifest.files.map((f) => f.path)).toContain(`files/${file.sha256}`)
    expect(manifest.files.some((f) => /^applications\/SZ\d{4}-\d{4}\.pdf$/.test(f.path))).toBe(true)

    // One byte changed, one file added: the check says which.
    const sheetFile = path.join(archive.folder, 'tables', 'score_sheets.json')
    fs.appendFileSync(sheetFile, ' ')
    fs.writeFileSync(path.join(archive.folder, 'extra.txt'), 'x')
    expect(verifyArchive(archive.folder)).toEqual({
      ok: false,
      problems: ['altered: tables/score_sheets.json', 'unlisted: extra.txt'],
    })

    // Downloading is on the record; the cycle is read-only from now on.
    const zip = await respond(async () =>
      download.loader(args(await get(`/admin/archive/${archive.id}.zip`, w.admin.userId), { id: String(archive.id) })),
    )
    expect(zip.status).toBe(200)
    expect(zip.headers.get('content-type')).toBe('application/zip')
    expect([...new Uint8Array(await zip.arrayBuffer()).slice(0, 2)]).toEqual([0x50, 0x4b])
    const downloads = await w.db.selectFrom('archive_downloads').select(['archive_id', 'user_id']).execute()
    expect(downloads).toEqual([{ archive_id: archive.id, user_id: w.admin.userId }])
    const cycle = await w.db
      .selectFrom('cycles')
      .select('archived_at')
      .where('id', '=', w.cycle.id)
      .executeTakeFirstOrThrow()
    expect(cycle.archived_at).not.toBeNull()
    const closed = await rejection(
      postToThread(w.db, { applicationId: app.id, actor: w.applicant, body: '还有一个问题' }),
    )
    expect(closed.messageKey).toBe('archive.readOnly')
  })
})
