/**
 * `npm start` runs this before serving: creates and migrates the SQLite file, and loads the demo data the
 * first time (when there is no user yet). Safe to run on every start.
 */
import { closeDb, DatabaseStartError, type DB, defaultDatabasePath, getDb, migrateToLatest } from './client.server'
import { demoLogins, demoPassword, seedDemo } from './seed'

let db: DB
try {
  db = getDb()
} catch (error) {
  if (!(error instanceof DatabaseStartError)) throw error
  console.error(`Cannot start: ${error.message}`)
  process.exit(1)
}
await migrateToLatest(db)
const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst()
if (!anyUser && process.env.SEED_DEMO !== 'false') {
  await seedDemo(db)
  console.log('Demo data loaded.')
}
// Stored standings for any cycle scored before they were stored (a database from an earlier version).
const { cyclesMissingStandings } = await import('./repositories/standings')
const { refreshCycleStandings } = await import('#workflows/review/standings.server')
for (const cycleId of await cyclesMissingStandings(db))
  await db.transaction().execute((trx) => refreshCycleStandings(trx, cycleId))
await closeDb()

console.log(`Database: ${process.env.DATABASE_PATH ?? defaultDatabasePath}`)
console.log(`Demo logins (password for all: ${demoPassword}):`)
for (const login of demoLogins) console.log(`  ${login.role.padEnd(9)} ${login.email.padEnd(38)} ${login.name}`)
