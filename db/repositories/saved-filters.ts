import type { Executor } from './types'

export function listSavedFilters(db: Executor, userId: number, page: string) {
  return db
    .selectFrom('saved_filters')
    .select(['id', 'name', 'query'])
    .where('user_id', '=', userId)
    .where('page', '=', page)
    .orderBy('name')
    .execute()
}

/** How many filters the user keeps for the list under names other than this one. */
export async function countOtherSavedFilters(
  db: Executor,
  userId: number,
  page: string,
  name: string,
): Promise<number> {
  const row = await db
    .selectFrom('saved_filters')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('page', '=', page)
    .where('name', '!=', name)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Saves a filter under its name; the same name again replaces its query. */
export async function putSavedFilter(
  db: Executor,
  filter: { userId: number; page: string; name: string; query: string; at: string },
): Promise<void> {
  await db
    .insertInto('saved_filters')
    .values({
      user_id: filter.userId,
      page: filter.page,
      name: filter.name,
      query: filter.query,
      created_at: filter.at,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'page', 'name']).doUpdateSet({ query: filter.query, created_at: filter.at }),
    )
    .execute()
}

/** Deletes one of the user's own filters; another user's id deletes nothing. */
export async function deleteSavedFilter(db: Executor, userId: number, id: number): Promise<void> {
  await db.deleteFrom('saved_filters').where('id', '=', id).where('user_id', '=', userId).execute()
}
