import type { Executor } from './types'

/** The columns this user chose for this list, as stored (null: never chosen). */
export async function getListColumns(db: Executor, userId: number, page: string): Promise<string | null> {
  const row = await db
    .selectFrom('list_columns')
    .select('columns')
    .where('user_id', '=', userId)
    .where('page', '=', page)
    .executeTakeFirst()
  return row?.columns ?? null
}

export async function putListColumns(db: Executor, userId: number, page: string, columns: string): Promise<void> {
  await db
    .insertInto('list_columns')
    .values({ user_id: userId, page, columns })
    .onConflict((oc) => oc.columns(['user_id', 'page']).doUpdateSet({ columns }))
    .execute()
}
