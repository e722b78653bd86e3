/**
 * `npm run db:to-postgres -- <SQLite file>`: copies an award from its SQLite file (default: DATABASE_PATH's) into the
 * new, empty PostgreSQL database DATABASE_URL names, in one transaction. Stop the server first; the SQLite file is only
 * read. The evidence files stay where they are (point ATTACHMENTS_DIR at them).
 */
import { closeDb, databaseDescription, databasePath, databaseUrl, getDb } from './client.server'
import { copySqliteToPostgres } from './copy-to-postgres'

const file = process.argv[2] ?? databasePath()
if (!databaseUrl()) {
  console.error('Set DATABASE_URL to the PostgreSQL database to copy into (postgres://…).')
  process.exit(2)
}
try {
  const counts = await copySqliteToPostgres(file, getDb(), (line) => console.log(`  ${line}`))
  const rows = Object.values(counts).reduce((sum, n) => sum + n, 0)
  console.log(`Copied ${rows} rows of ${Object.keys(counts).length} tables from ${file} to ${databaseDescription()}.`)
} catch (error) {
  console.error(`Copy failed, nothing was written: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  await closeDb()
}
