import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, inject } from 'vitest'
import { closeDb } from '../../db/client.server'

// A private copy of the migrated template for this test file; getDb() opens it on first use.
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'award-test-')), 'test.sqlite')
fs.copyFileSync(inject('templateDatabasePath'), file)
process.env.DATABASE_PATH = file

afterAll(async () => {
  await closeDb()
  fs.rmSync(path.dirname(file), { recursive: true, force: true })
})
