/**
 * `npm run setup:db` (and `npm run dev` before it starts): creates and migrates the SQLite file and loads the demo
 * data the first time, as the production server does when it starts (db/prepare.ts). Safe to run at any time.
 */
import { closeDb, DatabaseStartError, type DB, getDb } from './client.server'
import { prepareDatabase, startReport } from './prepare'

let db: DB
try {
  db = getDb()
} catch (error) {
  if (!(error instanceof DatabaseStartError)) throw error
  console.error(`Cannot start: ${error.message}`)
  process.exit(1)
}
const { seeded } = await prepareDatabase(db)
await closeDb()
console.log(startReport(seeded).join('\n'))
