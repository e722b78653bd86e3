import fs from 'node:fs'
import path from 'node:path'
import { migrateToLatest, openDatabase } from '../../db/client.server'

/**
 * Builds one migrated database before the suite; each test file copies it (tests/setup/db-per-file.ts), which
 * is far faster than migrating per file and keeps every file's data its own.
 */
export const templatePath = path.resolve('test-results/template.sqlite')

export default async function buildTemplate() {
  fs.mkdirSync(path.dirname(templatePath), { recursive: true })
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(templatePath + suffix, { force: true })
  const db = openDatabase(templatePath)
  await migrateToLatest(db)
  await db.destroy()
}
