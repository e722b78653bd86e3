import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { migrateToLatest, openDatabase } from '../../db/client.server'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabasePath: string
  }
}

/**
 * Builds one migrated database before the suite; each test file copies it (tests/setup/db-per-file.ts), which
 * is far faster than migrating per file and keeps every file's data its own. The template is this run's own
 * (a fresh temporary folder), so two runs in one checkout never rebuild each other's template mid-copy.
 */
export default async function buildTemplate(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'award-template-'))
  const templatePath = path.join(dir, 'template.sqlite')
  const db = openDatabase(templatePath)
  await migrateToLatest(db)
  await db.destroy()
  project.provide('templateDatabasePath', templatePath)
  return () => fs.rmSync(dir, { recursive: true, force: true })
}
