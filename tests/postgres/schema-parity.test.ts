import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { getDb, migrateToLatest, openDatabase } from '#db/client.server'

/**
 * One migration history builds both databases (decision record 0028). If a migration made a different shape on one
 * of them (a column missing, another type, a default on one side only), the same repository would work on one
 * database and fail on the other: compare every table and column the migrations build.
 */
const sameType: Record<string, string> = { integer: 'integer', int8: 'integer', text: 'text', bool: 'boolean' }

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function shape(db: Kysely<any>): Promise<Record<string, string[]>> {
  const tables = await db.introspection.getTables()
  return Object.fromEntries(
    tables.map((table) => [
      table.name,
      table.columns
        .map(
          (c) => `${c.name} ${sameType[c.dataType.toLowerCase()] ?? c.dataType}${c.hasDefaultValue ? ' default' : ''}`,
        )
        .sort(),
    ]),
  )
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'award-parity-'))
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }))

describe('the schema on both databases', () => {
  it('has the same tables, columns, types and defaults on SQLite and on PostgreSQL', async () => {
    const sqlite = openDatabase(path.join(folder, 'parity.sqlite'))
    try {
      await migrateToLatest(sqlite)
      const [onSqlite, onPostgres] = await Promise.all([shape(sqlite), shape(getDb())])
      expect(Object.keys(onPostgres).sort()).toEqual(Object.keys(onSqlite).sort())
      expect(Object.keys(onSqlite).length).toBeGreaterThan(50)
      for (const table of Object.keys(onSqlite)) expect(onPostgres[table], table).toEqual(onSqlite[table])
    } finally {
      await sqlite.destroy()
    }
  })

  it('keeps the append-only records append-only on PostgreSQL too', async () => {
    const db = getDb()
    const { sql } = await import('kysely')
    await sql`insert into audit_log (entity, entity_id, at, to_state, event) values ('cycle', 1, '2026-01-01', 'open', 'X')`.execute(
      db,
    )
    await expect(sql`update audit_log set reason = 'changed'`.execute(db)).rejects.toThrow(/append-only/)
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/)
  })
})
