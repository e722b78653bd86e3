import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { databasePath, databaseUrl, dataVersion, getDb } from '../../db/client.server'
import { getCurrentCycle } from '../../db/repositories/cycles'
import { createAwardCycle } from '../../db/factories'

/** The public page cache serves a kept page only while this value stays the same (app/page-cache.mjs). */
describe("the database's version", () => {
  // A write that changes no row writes nothing to SQLite's file: each test below changes the cycle's row.
  beforeAll(async () => {
    await createAwardCycle(getDb(), 2026)
  })

  it('stays the same while pages only read', async () => {
    const db = getDb()
    const before = dataVersion()
    await getCurrentCycle(db)
    await db.selectFrom('applications').select('id').execute()
    expect(dataVersion()).toBe(before)
  })

  it('moves with a write of this process, in or out of a transaction', async () => {
    const db = getDb()
    const before = dataVersion()
    await db.updateTable('cycles').set({ name_en: 'Renamed' }).where('id', '=', -1).execute()
    const afterStatement = dataVersion()
    // A statement that changed no row may be counted too (PostgreSQL counts statements); a change must be.
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('cycles').set({ name_en: 'Renamed' }).execute()
    })
    expect(dataVersion()).not.toBe(afterStatement)
    expect(dataVersion()).not.toBe(before)
  })

  it.skipIf(databaseUrl() !== undefined)('moves with a commit of another connection (SQLite: another process)', () => {
    const before = dataVersion()
    const other = new Database(databasePath())
    try {
      other.prepare("update cycles set name_zh = name_zh || '·'").run()
    } finally {
      other.close()
    }
    expect(dataVersion()).not.toBe(before)
  })
})
