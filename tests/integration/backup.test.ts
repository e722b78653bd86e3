import { execFile } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { backup, fileReferences, restore } from '../../db/backup'
import { createCompleteDraft } from '../../db/factories'
import { addAttachment } from '../../workflows/application/attachments.server'
import { attachmentsDir, diskStore } from '#db/attachment-store.server'
import { fileObjection } from '../../workflows/objection/objection.server'
import { startPublicNotice } from '../../workflows/cycle/cycle.server'
import { decideLevel, inDocumentReview, submitSheet, world } from './helpers'
import { recordedArchive } from './archive-record'

const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), 'award-backup-test-'))
const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex')

/**
 * The CLI as `npm run backup` runs it, through Node with tsx's loader (not `npx tsx`, whose package lookup alone
 * took seconds on a busy machine), without blocking this worker while it runs.
 */
function runCli(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'db/backup-cli.ts', ...args],
      { env, encoding: 'utf8' },
      (error, stdout, stderr) =>
        resolve({ status: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

/** A backup of this test file's database and the evidence store, into a new folder under `targetRoot`. */
const backupOfThisDatabase = (targetRoot: string) =>
  backup({ databasePath: process.env.DATABASE_PATH!, attachmentsDir: attachmentsDir(), targetRoot })

/** Two Node processes that each compile the CLI: a hang detector, not a speed limit (CI is a busy 2-core machine). */
const processBudget = 120_000

describe('backup and restore', () => {
  it('restores a backup taken while writes go on: every write acknowledged before it began, every evidence file', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id, { evidence: false, confirmed: false })
    const evidence = [1, 2, 3].map((n) =>
      new TextEncoder().encode(`%PDF-1.7\n% evidence ${n} ${'x'.repeat(n * 1000)}\n`),
    )
    for (const [i, bytes] of evidence.entries()) {
      await addAttachment(w.db, diskStore, {
        applicationId: draft.id,
        actor: w.applicant,
        declarationKey: null,
        filename: `证明${i}.pdf`,
        bytes,
      })
    }
    // A writer that keeps committing rows while the backup runs; each id is recorded once its commit returned.
    const acknowledged: string[] = []
    let writing = true
    const writer = (async () => {
      for (let i = 0; writing && i < 5000; i++) {
        const kind = `backup-test-${i}`
        await w.db
          .insertInto('outbox')
          .values({
            kind,
            recipient: 'x@t.example',
            payload: '{}',
            created_at: new Date().toISOString(),
            sent_at: null,
          })
          .execute()
        acknowledged.push(kind)
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    while (acknowledged.length < 50) await new Promise((resolve) => setTimeout(resolve, 1))
    const beforeBackup = [...acknowledged]
    const target = scratch()
    const { dir, manifest } = await backupOfThisDatabase(target)
    writing = false
    await writer
    expect(manifest).toMatchObject({ attachments: 3, integrity: 'ok' })
    expect(acknowledged.length).toBeGreaterThan(beforeBackup.length) // the writes did go on during the backup

    const restored = scratch()
    const databasePath = path.join(restored, 'award.sqlite')
    const restoredFiles = path.join(restored, 'attachments')
    restore({ backupDir: dir, databasePath, attachmentsDir: restoredFiles })
    const copy = new SQLite(databasePath, { readonly: true })
    const kinds = new Set(
      (copy.prepare("select kind from outbox where kind like 'backup-test-%'").all() as Array<{ kind: string }>).map(
        (r) => r.kind,
      ),
    )
    for (const kind of beforeBackup) expect(kinds.has(kind), kind).toBe(true)
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    const shas = (
      copy.prepare('select sha256 from attachments where application_id = ?').all(draft.id) as Array<{ sha256: string }>
    ).map((r) => r.sha256)
    copy.close()
    expect(shas.sort()).toEqual(evidence.map(sha256).sort())
    for (const sha of shas) expect(sha256(fs.readFileSync(path.join(restoredFiles, sha)))).toBe(sha)
    fs.rmSync(target, { recursive: true, force: true })
    fs.rmSync(restored, { recursive: true, force: true })
  })

  it('keeps the database a restore replaces, and refuses a backup whose evidence is damaged', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const bytes = new TextEncoder().encode('%PDF-1.7\n% kept\n')
    await addAttachment(w.db, diskStore, {
      applicationId: draft.id,
      actor: w.applicant,
      declarationKey: null,
      filename: 'a.pdf',
      bytes,
    })
    const target = scratch()
    const { dir } = await backupOfThisDatabase(target)
    const place = scratch()
    const databasePath = path.join(place, 'award.sqlite')
    const existing = new SQLite(databasePath)
    existing.exec('create table marker (x); insert into marker values (42)')
    existing.close()
    const { keptAs } = restore({ backupDir: dir, databasePath, attachmentsDir: path.join(place, 'files') })
    expect(keptAs).not.toBeNull()
    const kept = new SQLite(keptAs!, { readonly: true })
    expect(kept.prepare('select x from marker').get()).toEqual({ x: 42 })
    kept.close()

    fs.writeFileSync(path.join(dir, 'attachments', sha256(bytes)), 'tampered')
    expect(() =>
      restore({
        backupDir: dir,
        databasePath: path.join(place, 'other.sqlite'),
        attachmentsDir: path.join(place, 'files2'),
      }),
    ).toThrow(/damaged/)
    expect(fs.existsSync(path.join(place, 'other.sqlite'))).toBe(false)
    fs.rmSync(target, { recursive: true, force: true })
    fs.rmSync(place, { recursive: true, force: true })
  })

  it('carries the cycles’ archives and puts back one that is lost; refuses one that changed', async () => {
    const w = await world()
    const archives = scratch()
    const folder = await recordedArchive(w, archives)
    const { dir, manifest } = await backupOfThisDatabase(scratch())
    expect(manifest.archives).toBeGreaterThanOrEqual(1)
    expect(fs.readFileSync(path.join(dir, 'archives', path.basename(folder), 'tables', 'cycles.json'), 'utf8')).toBe(
      fs.readFileSync(path.join(folder, 'tables', 'cycles.json'), 'utf8'),
    )

    // The server's archive folder lost: the restore puts it back where the database says it is, zip included.
    const before = fs.readFileSync(path.join(folder, 'manifest.json'))
    fs.rmSync(folder, { recursive: true })
    fs.rmSync(`${folder}.zip`)
    const target = scratch()
    restore({ backupDir: dir, databasePath: path.join(target, 'award.sqlite'), attachmentsDir: path.join(target, 'a') })
    expect(fs.readFileSync(path.join(folder, 'manifest.json'))).toEqual(before)
    expect(fs.existsSync(`${folder}.zip`)).toBe(true)

    // A backup whose archive changed is refused before anything is restored.
    fs.appendFileSync(path.join(dir, 'archives', path.basename(folder), 'manifest.json'), ' ')
    fs.rmSync(folder, { recursive: true })
    const again = scratch()
    expect(() =>
      restore({
        backupDir: dir,
        databasePath: path.join(again, 'award.sqlite'),
        attachmentsDir: path.join(again, 'a'),
      }),
    ).toThrow(/does not match its recorded hash/)
    expect(fs.existsSync(path.join(again, 'award.sqlite'))).toBe(false)
    expect(fs.existsSync(folder)).toBe(false)
    // And a server whose archive changed is not backed up as if it were whole.
    fs.mkdirSync(folder, { recursive: true })
    fs.writeFileSync(path.join(folder, 'manifest.json'), 'rewritten')
    await expect(backupOfThisDatabase(scratch())).rejects.toThrow(/does not match its recorded hash/)
    await w.db.deleteFrom('cycle_archives').where('folder', '=', folder).execute()
  })

  it('knows every column of the schema that names a stored file', () => {
    const schema = new SQLite(process.env.DATABASE_PATH!, { readonly: true })
    try {
      const fileColumns = (
        schema
          .prepare(
            `select m.name || '.' || c.name as name from sqlite_master m join pragma_table_info(m.name) c
             where m.type = 'table' and c.name like '%sha256%'`,
          )
          .all() as Array<{ name: string }>
      ).map((column) => column.name)
      expect(fileColumns.sort()).toEqual(fileReferences.map(({ table, column }) => `${table}.${column}`).sort())
    } finally {
      schema.close()
    }
  })

  it('holds objection evidence and defence presentations too, and restores each', async () => {
    const w = await world()
    const pdf = (label: string) => new TextEncoder().encode(`%PDF-1.7\n% ${label} ${crypto.randomUUID()}\n`)
    // An objection with a file, filed while the application is on notice.
    const onNotice = await inDocumentReview(w)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, onNotice.id, reviewer, 85)
    await decideLevel(w, onNotice.id, 'gold', '')
    await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin })
    const objectionFile = pdf('objection')
    await fileObjection(
      w.db,
      {
        applicationId: onNotice.id,
        name: '林某',
        organisation: '',
        phone: '13700001111',
        email: 'lin@example.com',
        content: '申报材料与事实不符。',
        evidence: '审计报告第3页',
        files: [{ filename: '审计报告.pdf', bytes: objectionFile }],
      },
      diskStore,
    )
    // A defence presentation, stored as the upload stores it.
    const presentation = pdf('presentation')
    const presentationSha = await diskStore.save(presentation)
    await w.db
      .insertInto('defences')
      .values({
        application_id: onNotice.id,
        starts_at: '2030-03-02T09:00',
        minutes: 40,
        place: '301',
        confirmed_at: null,
        scheduled_at: '2030-02-01T00:00:00.000Z',
        presentation_filename: '汇报.pdf',
        presentation_sha256: presentationSha,
        presentation_size: presentation.byteLength,
        presentation_uploaded_at: '2030-02-02T00:00:00.000Z',
      })
      .execute()

    const target = scratch()
    const { dir } = await backupOfThisDatabase(target)
    const place = scratch()
    const restoredFiles = path.join(place, 'files')
    restore({ backupDir: dir, databasePath: path.join(place, 'award.sqlite'), attachmentsDir: restoredFiles })
    for (const bytes of [objectionFile, presentation]) {
      const restored = path.join(restoredFiles, sha256(bytes))
      expect(fs.existsSync(restored), sha256(bytes)).toBe(true)
      expect(sha256(fs.readFileSync(restored))).toBe(sha256(bytes))
    }
    fs.rmSync(target, { recursive: true, force: true })
    fs.rmSync(place, { recursive: true, force: true })
  })

  it('runs as npm run backup and npm run restore', { timeout: processBudget }, async () => {
    const target = scratch()
    const env: NodeJS.ProcessEnv = { ...process.env }
    const made = await runCli(['backup', target], env)
    expect(made.stderr).toBe('')
    expect(made.status).toBe(0)
    expect(made.stdout).toMatch(/Backup written to .*award-backup-.*integrity ok/)
    const [folder] = fs.readdirSync(target)
    const place = scratch()
    const restored = await runCli(['restore', path.join(target, folder!)], {
      ...env,
      DATABASE_PATH: path.join(place, 'award.sqlite'),
      ATTACHMENTS_DIR: path.join(place, 'attachments'),
    })
    expect(restored.status).toBe(0)
    expect(restored.stdout).toContain('Restored the backup')
    expect(fs.existsSync(path.join(place, 'award.sqlite'))).toBe(true)
    fs.rmSync(target, { recursive: true, force: true })
    fs.rmSync(place, { recursive: true, force: true })
  })
})
