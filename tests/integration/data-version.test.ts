import Database from 'better-sqlite3'
import pg from 'pg'
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
    const before = await dataVersion()
    await getCurrentCycle(db)
    await db.selectFrom('applications').select('id').execute()
    expect(await dataVersion()).toBe(before)
  })

  it('moves with a write of this process, in or out of a transaction', async () => {
    const db = getDb()
    const before = await dataVersion()
    await db.updateTable('cycles').set({ name_en: 'Renamed' }).where('id', '=', -1).execute()
    const afterStatement = await dataVersion()
    // A statement that changed no row may be counted too (PostgreSQL counts statements); a change must be.
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('cycles').set({ name_en: 'Renamed' }).execute()
    })
    expect(await dataVersion()).not.toBe(afterStatement)
    expect(await dataVersion()).not.toBe(before)
  })

  it.skipIf(databaseUrl() !== undefined)(
    'moves with a commit of another connection (SQLite: another process)',
    async () => {
      const before = await dataVersion()
      const other = new Database(databasePath())
      try {
        other.prepare("update cycles set name_zh = name_zh || '·'").run()
      } finally {
        other.close()
      }
      expect(await dataVersion()).not.toBe(before)
    },
  )
})

/** PostgreSQL: another process's write must move it too, or a page kept by one process outlives another's change. */
describe.skipIf(databaseUrl() === undefined)("the database's version on PostgreSQL", () => {
  it('moves with a commit of another connection, and when a transaction still running at the first reading ends', async () => {
    const other = new pg.Client({ connectionString: databaseUrl() })
    const late = new pg.Client({ connectionString: databaseUrl() })
    await other.connect()
    await late.connect()
    try {
      // A writing transaction begun first and committed last: the server's last finished transaction does not move
      // when it commits (a later one finished first), only the list of those still running does.
      // txid_current() gives each its transaction id (what a write does) without locking any row.
      await late.query('begin')
      await late.query('select txid_current()')
      const before = await dataVersion()
      expect(await dataVersion()).toBe(before)
      await other.query('select txid_current()')
      const afterOther = await dataVersion()
      expect(afterOther).not.toBe(before)
      await late.query('commit')
      expect(await dataVersion()).not.toBe(afterOther)
    } finally {
      await other.end()
      await late.end()
    }
  })
})
