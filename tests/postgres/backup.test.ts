import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { attachmentsDir } from '#db/attachment-store.server'
import { backupPostgres, restorePostgres } from '#db/backup-postgres'
import { createCompleteDraft } from '#db/factories'
import { inDocumentReview, submitSheet, world } from '../integration/helpers'
import { recordedArchive } from '../integration/archive-record'
import { createRehearsal } from '#workflows/cycle/rehearsal.server'

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'award-pg-backup-'))
const created: string[] = []

function urlOf(database: string): string {
  const url = new URL(inject('postgresAdminUrl'))
  url.pathname = `/${database}`
  return url.toString()
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(text)).rows
  } finally {
    await client.end()
  }
}

async function newDatabase(name: string): Promise<string> {
  await query(inject('postgresAdminUrl'), `create database ${name}`)
  created.push(name)
  return urlOf(name)
}

/** Every table's rows, as one digest per table: two databases with the same digests hold the same data. */
async function contents(url: string): Promise<Record<string, string>> {
  const tables = await query<{ name: string }>(
    url,
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
  )
  const digests: Record<string, string> = {}
  for (const { name } of tables) {
    const [row] = await query<{ digest: string | null; n: string }>(
      url,
      `select md5(string_agg(t::text, '|' order by t::text)) as digest, count(*) as n from ${name} t`,
    )
    digests[name] = `${row!.n}:${row!.digest ?? ''}`
  }
  return digests
}

afterAll(async () => {
  for (const name of created) await query(inject('postgresAdminUrl'), `drop database if exists ${name} with (force)`)
  fs.rmSync(folder, { recursive: true, force: true })
})

describe('backup and restore on PostgreSQL', () => {
  it('restores into a new database every row and every evidence file, checked against the manifest', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    await submitSheet(w, app.id, w.reviewers[0]!, 70)
    await createCompleteDraft(w.db, w.otherApplicant, w.cycle.id)
    const source = process.env.DATABASE_URL!
    const evidence = fs.readdirSync(attachmentsDir())
    expect(evidence.length).toBeGreaterThan(0)

    // A rehearsal's copy (a schema of its own) is disposable: its register row is backed up, the schema is not.
    await createRehearsal(w.db, { actor: w.admin, now: new Date().toISOString() })
    const rehearsalSchemas =
      "select count(*) as n from information_schema.schemata where schema_name like 'rehearsal\\_%'"
    expect(Number((await query<{ n: string }>(process.env.DATABASE_URL!, rehearsalSchemas))[0]!.n)).toBe(1)
    const archive = await recordedArchive(w, path.join(folder, 'archives'))
    const { dir, manifest } = await backupPostgres({
      url: source,
      attachmentsDir: attachmentsDir(),
      targetRoot: path.join(folder, 'backups'),
    })
    expect(manifest.attachments).toBe(evidence.length)
    expect(Object.keys(manifest.dumpFiles)).toContain('toc.dat')

    expect(manifest.archives).toBe(1)
    // The cycle's archive lost on the server: the restore puts it back where the restored database says it is.
    const archived = fs.readFileSync(path.join(archive, 'manifest.json'))
    fs.rmSync(archive, { recursive: true })
    const restored = await newDatabase(`award_restored_${process.pid}`)
    const restoredFiles = path.join(folder, 'restored-files')
    const result = await restorePostgres({ backupDir: dir, url: restored, attachmentsDir: restoredFiles })
    expect(result.attachments).toBe(evidence.length)
    expect(await contents(restored)).toEqual(await contents(source))
    expect(fs.readFileSync(path.join(archive, 'manifest.json'))).toEqual(archived)
    expect(Number((await query<{ n: string }>(restored, rehearsalSchemas))[0]!.n)).toBe(0)
    expect(fs.readdirSync(restoredFiles).sort()).toEqual(evidence.sort())

    // A restore never writes over data: the database now holds the award, so a second restore is refused.
    await expect(restorePostgres({ backupDir: dir, url: restored, attachmentsDir: restoredFiles })).rejects.toThrow(
      /not empty/,
    )

    // A damaged dump is refused before anything is written.
    const damaged = path.join(folder, 'damaged')
    fs.cpSync(dir, damaged, { recursive: true })
    const table = Object.keys(manifest.dumpFiles).find((name) => name !== 'toc.dat')!
    fs.appendFileSync(path.join(damaged, manifest.database, table), 'x')
    const empty = await newDatabase(`award_empty_${process.pid}`)
    await expect(restorePostgres({ backupDir: damaged, url: empty, attachmentsDir: restoredFiles })).rejects.toThrow(
      /damaged/,
    )
    const [tables] = await query<{ n: string }>(
      empty,
      "select count(*) as n from information_schema.tables where table_schema = 'public'",
    )
    expect(Number(tables!.n)).toBe(0)
  })
})
