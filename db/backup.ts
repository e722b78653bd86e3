import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { type ArchiveRecord, checkArchivesIn, copyArchivesInto, restoreArchives } from './backup-archives'

/**
 * Online backup and restore of the award's data: the SQLite database and every file it references (evidence,
 * objection evidence, defence presentations).
 *
 * The database is copied with SQLite's backup API while the server runs: the copy is one consistent state of
 * the file, holding every write committed before the backup began (and perhaps some made during it), never
 * half a transaction. The evidence files are content-addressed and written before their rows, so every file the
 * copied rows name already exists; each is copied and its SHA-256 checked.
 */

export interface BackupManifest {
  createdAt: string
  database: string
  attachments: number
  attachmentBytes: number
  /** How many cycle archives it carries; absent in backups made before they were carried. */
  archives?: number
  integrity: string
}

const databaseName = 'award.sqlite'
const manifestName = 'manifest.json'

export function sha256Of(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
}

/**
 * Every column that names a stored file by its SHA-256, in the one content-addressed store: the application's
 * evidence, an objection's evidence, a defence presentation, a department's letter in the social evaluation. A test checks that every `*sha256` column of the
 * schema is listed here, so a new kind of file cannot be left out of the backup.
 */
export const fileReferences = [
  { table: 'attachments', column: 'sha256' },
  { table: 'objection_evidence', column: 'sha256' },
  { table: 'defences', column: 'presentation_sha256' },
  { table: 'social_answers', column: 'letter_sha256' },
] as const

function referencedFiles(database: SQLite.Database): string[] {
  const union = fileReferences
    .map(({ table, column }) => `select ${column} as sha256 from ${table} where ${column} is not null`)
    .join(' union ')
  const rows = database.prepare(`${union} order by sha256`).all() as Array<{ sha256: string }>
  return rows.map((row) => row.sha256).filter((sha) => /^[0-9a-f]{64}$/.test(sha))
}

function recordedArchives(database: SQLite.Database): ArchiveRecord[] {
  const table = database.prepare("select 1 from sqlite_master where type = 'table' and name = 'cycle_archives'").get()
  if (!table) return []
  return database.prepare('select folder, manifest_hash from cycle_archives order by id').all() as ArchiveRecord[]
}

function integrityOf(database: SQLite.Database): string {
  return String(database.pragma('integrity_check', { simple: true }))
}

/** Writes a backup into a new folder under `targetRoot` and returns the folder and what it holds. */
export async function backup(input: {
  databasePath: string
  attachmentsDir: string
  targetRoot: string
  now?: Date
}): Promise<{ dir: string; manifest: BackupManifest }> {
  const createdAt = (input.now ?? new Date()).toISOString()
  const dir = path.join(input.targetRoot, `award-backup-${createdAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`)
  fs.mkdirSync(path.join(dir, 'attachments'), { recursive: true })
  const source = new SQLite(input.databasePath, { fileMustExist: true, timeout: 5000 })
  try {
    await source.backup(path.join(dir, databaseName))
  } finally {
    source.close()
  }
  const copy = new SQLite(path.join(dir, databaseName), { fileMustExist: true })
  let manifest: BackupManifest
  try {
    // The copy stands alone: one file, no WAL beside it.
    copy.pragma('journal_mode = DELETE')
    let bytes = 0
    const files = referencedFiles(copy)
    for (const sha of files) {
      const from = path.join(input.attachmentsDir, sha)
      const to = path.join(dir, 'attachments', sha)
      fs.copyFileSync(from, to)
      if (sha256Of(to) !== sha) throw new Error(`evidence file ${sha} does not match its hash: the store is damaged`)
      bytes += fs.statSync(to).size
    }
    manifest = {
      createdAt,
      database: databaseName,
      attachments: files.length,
      attachmentBytes: bytes,
      archives: copyArchivesInto(dir, recordedArchives(copy)),
      integrity: integrityOf(copy),
    }
  } finally {
    copy.close()
  }
  if (manifest.integrity !== 'ok')
    throw new Error(`the copied database fails its integrity check: ${manifest.integrity}`)
  fs.writeFileSync(path.join(dir, manifestName), `${JSON.stringify(manifest, null, 2)}\n`)
  return { dir, manifest }
}

/**
 * Puts a backup in place of the current data. The server must be stopped. The current database is kept beside
 * it (`award.sqlite.before-restore-<time>`), never deleted; evidence files are added, none removed.
 */
export function restore(input: { backupDir: string; databasePath: string; attachmentsDir: string; now?: Date }): {
  keptAs: string | null
  manifest: BackupManifest
} {
  const manifest = JSON.parse(fs.readFileSync(path.join(input.backupDir, manifestName), 'utf8')) as BackupManifest
  const backupFile = path.join(input.backupDir, manifest.database)
  const check = new SQLite(backupFile, { readonly: true, fileMustExist: true })
  const files = referencedFiles(check)
  // A backup made before archives were carried restores without them (the folders stay where they are).
  const archives = manifest.archives === undefined ? [] : recordedArchives(check)
  const integrity = integrityOf(check)
  check.close()
  if (integrity !== 'ok') throw new Error(`the backup's database fails its integrity check: ${integrity}`)
  for (const sha of files) {
    const file = path.join(input.backupDir, 'attachments', sha)
    if (!fs.existsSync(file) || sha256Of(file) !== sha)
      throw new Error(`the backup lacks evidence file ${sha} or it is damaged`)
  }
  checkArchivesIn(input.backupDir, archives)
  fs.mkdirSync(path.dirname(path.resolve(input.databasePath)), { recursive: true })
  let keptAs: string | null = null
  if (fs.existsSync(input.databasePath)) {
    // Checkpoint first, so the kept file holds everything, then set it aside with its WAL gone.
    const current = new SQLite(input.databasePath)
    current.pragma('wal_checkpoint(TRUNCATE)')
    current.close()
    keptAs = `${input.databasePath}.before-restore-${(input.now ?? new Date())
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')}`
    fs.renameSync(input.databasePath, keptAs)
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(input.databasePath + suffix, { force: true })
  fs.copyFileSync(backupFile, input.databasePath)
  fs.mkdirSync(input.attachmentsDir, { recursive: true })
  for (const sha of files) {
    const target = path.join(input.attachmentsDir, sha)
    if (!fs.existsSync(target)) fs.copyFileSync(path.join(input.backupDir, 'attachments', sha), target)
  }
  restoreArchives(input.backupDir, archives)
  return { keptAs, manifest }
}
