import type { DB } from '#db/client.server'
import { countOtherSavedFilters, deleteSavedFilter, putSavedFilter } from '#db/repositories/saved-filters'
import { nowIso } from '#db/repositories/types'
import { fieldRefusal, WorkflowError } from '../errors'

/** The lists whose filters may be saved, each with the query keys it reads (anything else is not kept). */
export const savedFilterPages = {
  desk: ['status', 'category', 'q', 'sort', 'cycle'],
} as const

export type SavedFilterPage = keyof typeof savedFilterPages

/** How many filters one user keeps per list. */
const perPage = 20

/** The query to keep: only the list's own keys, each once, in the list's order. */
export function savedQuery(page: SavedFilterPage, query: URLSearchParams): string {
  const kept = new URLSearchParams()
  for (const key of savedFilterPages[page]) {
    const value = query.get(key)?.trim()
    if (value) kept.set(key, value.slice(0, 100))
  }
  return kept.toString()
}

/** Saves the user's filter of a list under a name (1–40 characters); the same name replaces it. */
export async function saveFilter(
  db: DB,
  input: { userId: number; page: SavedFilterPage; name: string; query: URLSearchParams },
): Promise<void> {
  const name = input.name.trim()
  if (name === '') throw fieldRefusal('filterName', 400, 'errors.required')
  if ([...name].length > 40) throw fieldRefusal('filterName', 400, 'errors.tooLong')
  const query = savedQuery(input.page, input.query)
  if (query === '') throw fieldRefusal('filterName', 400, 'errors.nothingToSave')
  await db.transaction().execute(async (trx) => {
    if ((await countOtherSavedFilters(trx, input.userId, input.page, name)) >= perPage)
      throw new WorkflowError(409, 'errors.tooManySavedFilters', undefined, { count: perPage })
    await putSavedFilter(trx, { userId: input.userId, page: input.page, name, query, at: nowIso() })
  })
}

export async function removeFilter(db: DB, input: { userId: number; id: number }): Promise<void> {
  await deleteSavedFilter(db, input.userId, input.id)
}
