import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * The cycles' archives (档案, issue 22) in a backup: each archive the database records is a folder (and its zip)
 * outside the database and the file store, so the backup copies it whole into `archives/` and the restore puts it
 * back where the database says it is. Each is checked by its manifest's hash, which the database keeps
 * (`cycle_archives.manifest_hash`): a backup never carries, and a restore never installs, an archive that changed.
 */
export interface ArchiveRecord {
  folder: string
  manifest_hash: string
}

const sha256Of = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')

function inBackup(backupDir: string, archive: ArchiveRecord): string {
  return path.join(backupDir, 'archives', path.basename(archive.folder))
}

function checkManifest(folder: string, archive: ArchiveRecord, where: string): void {
  const manifest = path.join(folder, 'manifest.json')
  if (!fs.existsSync(manifest)) throw new Error(`the archive ${path.basename(archive.folder)} is missing ${where}`)
  if (sha256Of(manifest) !== archive.manifest_hash)
    throw new Error(`the archive ${path.basename(archive.folder)} ${where} does not match its recorded hash`)
}

/** Copies every recorded archive (folder and zip) into the backup; returns how many. */
export function copyArchivesInto(backupDir: string, archives: readonly ArchiveRecord[]): number {
  for (const archive of archives) {
    checkManifest(archive.folder, archive, 'on this server')
    const target = inBackup(backupDir, archive)
    fs.cpSync(archive.folder, target, { recursive: true })
    if (fs.existsSync(`${archive.folder}.zip`)) fs.copyFileSync(`${archive.folder}.zip`, `${target}.zip`)
  }
  return archives.length
}

/** Checks that the backup holds every archive its database records, unchanged. */
export function checkArchivesIn(backupDir: string, archives: readonly ArchiveRecord[]): void {
  for (const archive of archives) checkManifest(inBackup(backupDir, archive), archive, 'in the backup')
}

/** Puts back each recorded archive that is not where the database says (none overwritten); returns how many. */
export function restoreArchives(backupDir: string, archives: readonly ArchiveRecord[]): number {
  let restored = 0
  for (const archive of archives) {
    if (fs.existsSync(path.join(archive.folder, 'manifest.json'))) continue
    const source = inBackup(backupDir, archive)
    fs.mkdirSync(path.dirname(archive.folder), { recursive: true })
    fs.cpSync(source, archive.folder, { recursive: true })
    if (fs.existsSync(`${source}.zip`)) fs.copyFileSync(`${source}.zip`, `${archive.folder}.zip`)
    restored++
  }
  return restored
}
