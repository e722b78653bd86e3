/**
 * `npm run backup -- <folder>`: an online backup (the server may keep running) of the database and the
 * evidence files it references, into a new dated folder under <folder>.
 * `npm run restore -- <backup folder>`: puts that backup in place (stop the server first).
 * Paths come from DATABASE_PATH (or DATABASE_URL, for PostgreSQL: pg_dump and pg_restore, into a new empty
 * database) and ATTACHMENTS_DIR, as for the server.
 */
import { attachmentsDir } from '#db/attachment-store.server'
import { backup, restore } from './backup'
import { backupPostgres, restorePostgres } from './backup-postgres'
import { databasePath as configuredDatabasePath, databaseDescription, databaseUrl } from './client.server'

const [command, target] = process.argv.slice(2)
const databasePath = configuredDatabasePath()

if (!target || (command !== 'backup' && command !== 'restore')) {
  console.error('Usage: npm run backup -- <folder>   |   npm run restore -- <backup folder>')
  process.exit(2)
}

const url = databaseUrl()
try {
  if (url && command === 'backup') {
    const { dir, manifest } = await backupPostgres({ url, attachmentsDir: attachmentsDir(), targetRoot: target })
    console.log(
      `Backup of ${databaseDescription()} written to ${dir}: pg_dump in ${Object.keys(manifest.dumpFiles).length} files, ${manifest.attachments} evidence files (${manifest.attachmentBytes} bytes).`,
    )
  } else if (url) {
    const { manifest, attachments } = await restorePostgres({
      backupDir: target,
      url,
      attachmentsDir: attachmentsDir(),
    })
    console.log(
      `Restored the backup of ${manifest.createdAt} into ${databaseDescription()} with ${attachments} evidence files.`,
    )
  } else if (command === 'backup') {
    const { dir, manifest } = await backup({ databasePath, attachmentsDir: attachmentsDir(), targetRoot: target })
    console.log(
      `Backup written to ${dir}: database (integrity ${manifest.integrity}), ${manifest.attachments} evidence files (${manifest.attachmentBytes} bytes).`,
    )
  } else {
    const { keptAs, manifest } = restore({ backupDir: target, databasePath, attachmentsDir: attachmentsDir() })
    console.log(
      `Restored the backup of ${manifest.createdAt} to ${databasePath} with ${manifest.attachments} evidence files.`,
    )
    if (keptAs) console.log(`The database it replaced is kept as ${keptAs}.`)
  }
} catch (error) {
  console.error(`${command} failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
