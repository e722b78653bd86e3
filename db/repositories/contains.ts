import { type RawBuilder, sql } from 'kysely'

/**
 * Any of the columns contains the text: LIKE with its wildcards escaped, so "100%" finds "100%" and "_" is an
 * underscore. The desk's search and the expert pool's share it.
 */
export function anyContains(columns: readonly string[], search: string): RawBuilder<boolean> {
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const tests = columns.map((column) => sql`${sql.ref(column)} like ${pattern} escape '\\'`)
  return sql<boolean>`(${sql.join(tests, sql` or `)})`
}
