import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { getDb, migrateToLatest, openDatabase } from '#db/client.server'
import { copySqliteToPostgres } from '#db/copy-to-postgres'
import { createApplicantAccount } from '#db/factories'
import { seedDemo } from '#db/seed'

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'award-copy-'))
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }))

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every table, by name
async function rowsOf(db: any, table: string): Promise<string[]> {
  const rows = (await db.selectFrom(table).selectAll().execute()) as Array<Record<string, unknown>>
  return rows.map((row) => JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)))).sort()
}

describe('copying an award from SQLite to PostgreSQL', () => {
  it('copies every row of the demo award, ids included, and new rows continue after them', async () => {
    const file = path.join(folder, 'demo.sqlite')
    const sqlite = openDatabase(file)
    await migrateToLatest(sqlite)
    await seedDemo(sqlite)
    await sqlite.destroy()

    const target = getDb()
    const counts = await copySqliteToPostgres(file, target)
    expect(counts.applications).toBeGreaterThan(5)
    expect(counts.item_scores).toBeGreaterThan(100)
    const source = openDatabase(file)
    try {
      for (const table of Object.keys(counts))
        expect(await rowsOf(target, table), table).toEqual(await rowsOf(source, table))
    } finally {
      await source.destroy()
    }
    // The identities continue after the copied ids: a new account is written, not refused as a duplicate.
    const users = await target.selectFrom('users').select('id').execute()
    const actor = await createApplicantAccount(target, {
      n: 770_001,
      name: '迁移后新注册单位',
      email: 'after-copy@award.example',
      password: 'after-copy-password-2026',
    })
    expect(actor.userId).toBe(Math.max(...users.map((u) => u.id)) + 1)

    // A second copy into a database that holds an award is refused, and changes nothing.
    await expect(copySqliteToPostgres(file, target)).rejects.toThrow(/already holds an award/)
  })
})
