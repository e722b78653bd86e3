/**
 * `npm run backup -- <folder>`: an online backup (the server may keep running) of the database and the
 * evidence files it references, into a new dated folder under <folder>.
 * `npm run restore -- <backup folder>`: puts that backup in place (stop the server first).
 * Paths come from DATABASE_PATH and ATTACHMENTS_DIR, as for the server.
 */
import { attachmentsDir } from '#db/attachment-store.server'
import { backup, restore } from './backup'
import { databasePath as configuredDatabasePath } from './client.server'

const [command, target] = process.argv.slice(2)
const databasePath = configuredDatabasePath()

if (!target || (command !== 'backup' && command !== 'restore')) {
  console.error('Usage: npm run backup -- <folder>   |   npm run restore -- <backup folder>')
  process.exit(2)
}

try {
  if (command === 'backup') {
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
