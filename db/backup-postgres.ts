import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { type ArchiveRecord, checkArchivesIn, copyArchivesInto, restoreArchives } from './backup-archives'
import { fileReferences, sha256Of } from './backup'
import { postgresProgram } from './postgres-programs'

/**
 * Backup and restore on PostgreSQL (issue 20): `pg_dump` in directory format, the evidence files the dumped rows
 * name, and a manifest with the SHA-256 of every file. The dump and the list of files come from one snapshot
 * (`pg_export_snapshot`), so every file a dumped row names is in the backup, even if its row is deleted meanwhile;
 * evidence is content-addressed and written before its row, so the file exists. The server may keep running.
 */

export interface PostgresBackupManifest {
  kind: 'postgres'
  createdAt: string
  /** The dump's folder, and the SHA-256 of each of its files. */
  database: string
  dumpFiles: Record<string, string>
  attachments: number
  attachmentBytes: number
  /** How many cycle archives it carries; absent in backups made before they were carried. */
  archives?: number
}

const manifestName = 'manifest.json'
const dumpName = 'database'

const clientPrograms = "PostgreSQL's client programs (Debian: postgresql-client)"

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

async function recordedArchives(client: pg.Client): Promise<ArchiveRecord[]> {
  const { rows } = await client.query<ArchiveRecord>('select folder, manifest_hash from cycle_archives order by id')
  return rows
}

async function referencedFiles(client: pg.Client): Promise<string[]> {
  const union = fileReferences
    .map(({ table, column }) => `select ${column} as sha256 from ${table} where ${column} is not null`)
    .join(' union ')
  const { rows } = await client.query<{ sha256: string }>(`${union} order by sha256`)
  return rows.map((row) => row.sha256).filter((sha) => /^[0-9a-f]{64}$/.test(sha))
}

export async function backupPostgres(input: {
  url: string
  attachmentsDir: string
  targetRoot: string
  now?: Date
}): Promise<{ dir: string; manifest: PostgresBackupManifest }> {
  const createdAt = (input.now ?? new Date()).toISOString()
  const dir = path.join(input.targetRoot, `award-backup-${createdAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`)
  fs.mkdirSync(path.join(dir, 'attachments'), { recursive: true })
  const { files, archives } = await withClient(input.url, async (client) => {
    // The snapshot stays usable while this transaction is open: pg_dump reads exactly what the list below reads.
    await client.query('begin isolation level repeatable read read only')
    const { rows } = await client.query<{ snapshot: string }>('select pg_export_snapshot() as snapshot')
    execFileSync(
      postgresProgram('pg_dump', clientPrograms),
      [
        '--format=directory',
        '--no-owner',
        '--no-privileges',
        // Rehearsals' copies are disposable (decision record 0035): the register is backed up, the copies are not.
        '--exclude-schema=rehearsal_*',
        `--snapshot=${rows[0]!.snapshot}`,
        `--file=${path.join(dir, dumpName)}`,
        `--dbname=${input.url}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    )
    const referenced = await referencedFiles(client)
    const recorded = await recordedArchives(client)
    await client.query('commit')
    return { files: referenced, archives: recorded }
  })
  const dumpFiles = Object.fromEntries(
    fs
      .readdirSync(path.join(dir, dumpName))
      .sort()
      .map((name) => [name, sha256Of(path.join(dir, dumpName, name))]),
  )
  let bytes = 0
  for (const sha of files) {
    const to = path.join(dir, 'attachments', sha)
    fs.copyFileSync(path.join(input.attachmentsDir, sha), to)
    if (sha256Of(to) !== sha) throw new Error(`evidence file ${sha} does not match its hash: the store is damaged`)
    bytes += fs.statSync(to).size
  }
  const manifest: PostgresBackupManifest = {
    kind: 'postgres',
    createdAt,
    database: dumpName,
    dumpFiles,
    attachments: files.length,
    attachmentBytes: bytes,
    archives: copyArchivesInto(dir, archives),
  }
  fs.writeFileSync(path.join(dir, manifestName), `${JSON.stringify(manifest, null, 2)}\n`)
  return { dir, manifest }
}

/**
 * Restores a backup into the database `url` names, which must be empty (a new database): a restore never
 * overwrites data. Every dump file and evidence file is checked against the manifest first; then pg_restore, in
 * one transaction (all or nothing), and the evidence files are added to the store (none removed).
 */
export async function restorePostgres(input: {
  backupDir: string
  url: string
  attachmentsDir: string
}): Promise<{ manifest: PostgresBackupManifest; attachments: number }> {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(input.backupDir, manifestName), 'utf8'),
  ) as PostgresBackupManifest
  if (manifest.kind !== 'postgres')
    throw new Error('this backup is of a SQLite database: restore it without DATABASE_URL')
  const dumpDir = path.join(input.backupDir, manifest.database)
  const present = fs.readdirSync(dumpDir).sort()
  const listed = Object.keys(manifest.dumpFiles).sort()
  if (JSON.stringify(present) !== JSON.stringify(listed))
    throw new Error(`the backup's dump holds other files than its manifest lists`)
  for (const [name, sha] of Object.entries(manifest.dumpFiles))
    if (sha256Of(path.join(dumpDir, name)) !== sha) throw new Error(`the backup's dump file ${name} is damaged`)
  const evidence = fs.readdirSync(path.join(input.backupDir, 'attachments'))
  if (evidence.length !== manifest.attachments) throw new Error('the backup lacks evidence files its manifest counts')
  for (const sha of evidence)
    if (sha256Of(path.join(input.backupDir, 'attachments', sha)) !== sha)
      throw new Error(`the backup's evidence file ${sha} is damaged`)
  const tables = await withClient(input.url, async (client) => {
    const { rows } = await client.query<{ count: string }>(
      "select count(*) as count from information_schema.tables where table_schema = 'public'",
    )
    return Number(rows[0]!.count)
  })
  if (tables > 0)
    throw new Error('the database to restore into is not empty: create a new database and restore into that')
  execFileSync(
    postgresProgram('pg_restore', clientPrograms),
    ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${input.url}`, dumpDir],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  fs.mkdirSync(input.attachmentsDir, { recursive: true })
  for (const sha of evidence) {
    const target = path.join(input.attachmentsDir, sha)
    if (!fs.existsSync(target)) fs.copyFileSync(path.join(input.backupDir, 'attachments', sha), target)
  }
  // The archives the restored database records, put back where it says (a backup from before they were carried
  // has none to put back).
  if (manifest.archives !== undefined) {
    const archives = await withClient(input.url, recordedArchives)
    checkArchivesIn(input.backupDir, archives)
    restoreArchives(input.backupDir, archives)
  }
  return { manifest, attachments: evidence.length }
}
