import { type DeskPosition, type DeskSort, deskSorts, type DeskFilter } from '#db/repositories/applications'
import { applicationStatuses } from '#workflows/application/application.machine'
import { parseApplicationNumber } from '#workflows/application/application-number'
import { positionOf, positionText } from '#db/repositories/paging'

/** The desk's filter from its URL (status, category, search: a name, a credit code or a number), anything unknown dropped: the page and its export share it. */
export function deskFilterOf(
  params: URLSearchParams,
  categoryCodes: readonly string[],
): Required<Pick<DeskFilter, 'search'>> & DeskFilter {
  const status = params.get('status')
  const category = params.get('category')
  const search = (params.get('q') ?? '').trim().slice(0, 100)
  return {
    status: status && applicationStatuses.includes(status as never) ? status : undefined,
    category: category && categoryCodes.includes(category) ? category : undefined,
    search,
    // An application's number (SZ2026-0006) finds that application; the cycle shown still bounds the search.
    applicationId: parseApplicationNumber(search)?.id,
  }
}

/** The desk's order from its URL; anything unknown is the default, by number. */
export function deskSortOf(params: URLSearchParams): DeskSort {
  const sort = params.get('sort')
  return deskSorts.find((s) => s === sort) ?? 'id'
}

/**
 * A page cursor from the URL: in number order a positive id, else `key:id` (the row's sort key, then its id);
 * anything else is no cursor (the first page).
 */
export function deskCursorOf(value: string | null, sort: DeskSort): DeskPosition | undefined {
  if (value === null) return undefined
  if (sort === 'id') {
    const id = Number(value)
    return Number.isSafeInteger(id) && id > 0 ? { key: id, id } : undefined
  }
  return positionOf(value)
}

/** A position as the URL carries it (the inverse of deskCursorOf). */
export function deskCursorText(position: DeskPosition, sort: DeskSort): string {
  return sort === 'id' ? String(position.id) : positionText(position)
}
