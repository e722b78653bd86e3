import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import archiver from 'archiver'
import type { DB } from '#db/client.server'
import { databasePath } from '#db/client.server'
import { attachmentsDir } from '#db/attachment-store.server'
import { fileReferences } from '#db/backup'
import { rowsOfCycle } from '#db/repositories/archive'
import { getApplicationForSecretariat } from '#db/repositories/applications'
import { applicationNumber } from '#workflows/application/application-number'
import type { Actor } from '#workflows/application/application.policy'
import { checkArchivable, recordArchive } from '#workflows/cycle/archive.server'
import { WorkflowError } from '#workflows/errors'
import { applicationPdf } from '~/pdf/application.server'
import { awardNow } from '#workflows/time'

/**
 * The cycle's archive (档案, issue 22), written to disk: `tables/<table>.json` (every row of the cycle, table by
 * table: db/repositories/archive.ts), `files/<sha256>` (every evidence file, objection file and defence
 * presentation those rows name), `applications/<number>.pdf` (each application as submitted) and `manifest.json`,
 * which lists every file with its SHA-256 and size and every table with its number of rows; then the same folder as
 * one zip to download. Built once per request to build it; the folder's name carries the time, so an archive is
 * never written over.
 */
export interface ArchiveManifest {
  cycle: { id: number; year: number; name_zh: string; name_en: string }
  builtAt: string
  tables: Record<string, number>
  files: Array<{ path: string; sha256: string; bytes: number }>
}

/** Where archives are written: ARCHIVES_DIR, or `archives/` beside the database. */
export function archivesDir(): string {
  return process.env.ARCHIVES_DIR || path.join(path.dirname(path.resolve(databasePath())), 'archives')
}

const sha256 = (bytes: Uint8Array | string) => crypto.createHash('sha256').update(bytes).digest('hex')

/**
 * The stored files the cycle's rows name by their hash, through the backup's list of file columns (a test keeps it
 * equal to the schema's, so a new kind of file reaches the archive too).
 */
function referencedFiles(rows: Record<string, unknown[]>): string[] {
  const named = fileReferences.flatMap(({ table, column }) =>
    (rows[table] ?? []).map((row) => (row as Record<string, unknown>)[column]),
  )
  return [...new Set(named.filter((sha): sha is string => typeof sha === 'string' && /^[0-9a-f]{64}$/.test(sha)))]
}

export async function buildCycleArchive(
  db: DB,
  input: { actor: Actor; cycleId: number; now?: Date },
): Promise<{ id: number; folder: string; manifest: ArchiveManifest }> {
  const now = input.now ?? awardNow()
  const cycle = await checkArchivable(db, input.actor, input.cycleId)
  const rows = await rowsOfCycle(db, cycle.id)
  const folder = path.join(archivesDir(), `${cycle.year}-${now.toISOString().replace(/[:.]/g, '-')}`)
  const files: ArchiveManifest['files'] = []
  const write = (relative: string, bytes: Uint8Array | string) => {
    const file = path.join(folder, relative)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, bytes)
    files.push({ path: relative, sha256: sha256(bytes), bytes: Buffer.byteLength(bytes) })
  }
  for (const [table, tableRows] of Object.entries(rows))
    write(`tables/${table}.json`, JSON.stringify(tableRows, null, 1))
  for (const hash of referencedFiles(rows)) {
    const source = path.join(attachmentsDir(), hash)
    if (!fs.existsSync(source)) throw new WorkflowError(409, 'archive.fileMissing', hash)
    const bytes = fs.readFileSync(source)
    // A stored file is named by its hash: one that no longer matches it is not archived as if it were sound.
    if (sha256(bytes) !== hash) throw new WorkflowError(409, 'archive.fileMissing', hash)
    write(`files/${hash}`, bytes)
  }
  for (const row of rows.applications as Array<{ id: number; status: string }>) {
    if (row.status === 'draft') continue
    const application = await getApplicationForSecretariat(db, row.id)
    if (application)
      write(
        `applications/${applicationNumber(cycle.year, row.id)}.pdf`,
        await applicationPdf(db, application, 'zh', now),
      )
  }
  const manifest: ArchiveManifest = {
    cycle: { id: cycle.id, year: cycle.year, name_zh: cycle.name_zh, name_en: cycle.name_en },
    builtAt: now.toISOString(),
    tables: Object.fromEntries(Object.entries(rows).map(([table, tableRows]) => [table, tableRows.length])),
    files,
  }
  const manifestText = JSON.stringify(manifest, null, 1)
  fs.writeFileSync(path.join(folder, 'manifest.json'), manifestText)
  await zipFolder(folder, `${folder}.zip`)
  const id = await recordArchive(db, {
    actor: input.actor,
    cycleId: cycle.id,
    folder,
    manifestSha256: sha256(manifestText),
    files: files.length,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    now: now.toISOString(),
  })
  return { id, folder, manifest }
}

function zipFolder(folder: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const output = fs.createWriteStream(target)
    const zip = archiver('zip', { zlib: { level: 6 } })
    output.on('close', () => resolve())
    zip.on('error', reject)
    zip.pipe(output)
    zip.directory(folder, path.basename(folder))
    void zip.finalize()
  })
}

/**
 * Checks an archive folder against its manifest: every file listed is there with its hash and size, and nothing is
 * there that the manifest does not list.
 */
export function verifyArchive(folder: string): { ok: boolean; problems: string[] } {
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as ArchiveManifest
  const problems: string[] = []
  const listed = new Set<string>()
  for (const file of manifest.files) {
    listed.add(file.path)
    const full = path.join(folder, file.path)
    if (!fs.existsSync(full)) {
      problems.push(`missing: ${file.path}`)
      continue
    }
    const bytes = fs.readFileSync(full)
    if (sha256(bytes) !== file.sha256 || bytes.length !== file.bytes) problems.push(`altered: ${file.path}`)
  }
  const present = (dir: string, prefix = ''): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((entry) =>
        entry.isDirectory()
          ? present(path.join(dir, entry.name), `${prefix}${entry.name}/`)
          : [`${prefix}${entry.name}`],
      )
  for (const file of present(folder))
    if (file !== 'manifest.json' && !listed.has(file)) problems.push(`unlisted: ${file}`)
  return { ok: problems.length === 0, problems }
}
