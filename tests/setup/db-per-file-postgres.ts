import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, inject } from 'vitest'
import { closeDb } from '../../db/client.server'

// A private database for this test file, created from the migrated template; getDb() opens it on first use.
// DATABASE_PATH still names a private folder: the evidence files are kept beside it.
const database = `award_test_${crypto.randomBytes(6).toString('hex')}`
const adminUrl = inject('postgresAdminUrl')
const url = new URL(adminUrl)
url.pathname = `/${database}`
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'award-test-'))
process.env.DATABASE_URL = url.toString()
process.env.DATABASE_PATH = path.join(folder, 'unused.sqlite')

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

beforeAll(async () => {
  await admin(`create database ${database} template ${inject('postgresTemplate')}`)
})

afterAll(async () => {
  await closeDb()
  await admin(`drop database if exists ${database} with (force)`)
  fs.rmSync(folder, { recursive: true, force: true })
})
