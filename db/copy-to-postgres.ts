import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import type { DB } from './client.server'
import { migrateToLatest } from './client.server'
import { continueIds } from './migrations/portable'

/**
 * Moves an award from its SQLite file to a PostgreSQL database (issue 20: a deployment that grows from the
 * embedded default to a server database, and the benchmark's way to a large PostgreSQL database). The target is
 * migrated first and must hold no award (no account); every table is copied in the order its foreign keys need, in one
 * transaction (all or nothing), ids included, and each identity then continues after the largest id.
 *
 * Left out: the migrations' own bookkeeping (the target has its own), the rate-limit counters (short-lived), and
 * the cycle generations, which the triggers write as the applications arrive.
 */
const notCopied = new Set(['kysely_migration', 'kysely_migration_lock', 'rate_limits', 'cycle_generations'])

/** Tables parents first: a table comes after every table its foreign keys name. */
function inDependencyOrder(source: SQLite.Database, tables: string[]): string[] {
  const parents = new Map(
    tables.map((table) => [
      table,
      (
        source.prepare(`select "table" as parent from pragma_foreign_key_list(?)`).all(table) as Array<{
          parent: string
        }>
      )
        .map((row) => row.parent)
        .filter((parent) => parent !== table && tables.includes(parent)),
    ]),
  )
  const ordered: string[] = []
  const visit = (table: string, path: string[]) => {
    if (ordered.includes(table)) return
    if (path.includes(table)) throw new Error(`foreign keys in a circle: ${[...path, table].join(' → ')}`)
    for (const parent of parents.get(table) ?? []) visit(parent, [...path, table])
    ordered.push(table)
  }
  for (const table of tables) visit(table, [])
  return ordered
}

/** Rows per INSERT: PostgreSQL takes up to 65,535 parameters a statement. */
function batchSize(columns: number): number {
  return Math.max(1, Math.floor(30_000 / Math.max(1, columns)))
}

export async function copySqliteToPostgres(
  sqliteFile: string,
  target: DB,
  log: (line: string) => void = () => {},
): Promise<Record<string, number>> {
  await migrateToLatest(target)
  const anyUser = await target.selectFrom('users').select('id').limit(1).executeTakeFirst()
  if (anyUser) throw new Error('the PostgreSQL database already holds an award: copy into a new, empty database')
  const source = new SQLite(sqliteFile, { readonly: true, fileMustExist: true })
  try {
    const tables = (
      source
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
        .all() as Array<{ name: string }>
    )
      .map((row) => row.name)
      .filter((name) => !notCopied.has(name))
    const counts: Record<string, number> = {}
    const ordered = inDependencyOrder(source, tables)
    await target.transaction().execute(async (trx) => {
      // The rows the migrations themselves wrote (the GB/T 19580 tree, say) are in the file too, as they stand
      // there: the target's are removed, children first, and the file's copied.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table, by name
      for (const table of [...ordered].reverse()) await (trx as any).deleteFrom(table).execute()
      for (const table of ordered) {
        const columns = (
          source.prepare(`select name from pragma_table_info(?)`).all(table) as Array<{ name: string }>
        ).map((row) => row.name)
        const size = batchSize(columns.length)
        let copied = 0
        let batch: Array<Record<string, unknown>> = []
        const flush = async () => {
          if (batch.length === 0) return
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table, by name
          await (trx as any).insertInto(table).values(batch).execute()
          copied += batch.length
          batch = []
        }
        for (const row of source.prepare(`select * from "${table}"`).iterate() as Iterable<Record<string, unknown>>) {
          batch.push(row)
          if (batch.length >= size) await flush()
        }
        await flush()
        counts[table] = copied
        if (columns.includes('id')) {
          const { rows } = await sql<{
            sequence: string | null
          }>`select pg_get_serial_sequence(${table}, 'id') as sequence`.execute(trx)
          // Only tables whose id is an identity (a session's id is text).
          if (rows[0]?.sequence) await continueIds(trx, table)
        }
        log(`${table}: ${copied}`)
      }
    })
    // Statistics for the planner now, not when autovacuum gets round to a table a million rows larger.
    await sql`analyze`.execute(target)
    return counts
  } finally {
    source.close()
  }
}
