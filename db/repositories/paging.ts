/**
 * Keyset paging by id, shared by the lists that page that way (the expert pool, the objections): the caller gives
 * the page's rows after or before an id (ascending after, descending before, at most `limit`) and a count of the
 * filter's rows (all, or those before an id); this gives one page in id order with where it stands.
 */
export interface IdCursor {
  after?: number
  before?: number
}

export interface IdPage<R> {
  rows: R[]
  total: number
  /** Rows of the filter before this page: it shows rows earlier + 1 to earlier + rows.length. */
  earlier: number
  hasNext: boolean
  hasPrevious: boolean
}

export async function idPage<R extends { id: number }>(input: {
  cursor: IdCursor
  size: number
  rows: (cursor: IdCursor, limit: number) => Promise<R[]>
  count: (beforeId?: number) => Promise<number>
}): Promise<IdPage<R>> {
  // Paging by id is paging in the order of a key that is the id itself.
  const at = (id: number | undefined): Position | undefined => (id === undefined ? undefined : { key: id, id })
  const page = await positionPage({
    cursor: { after: at(input.cursor.after), before: at(input.cursor.before) },
    size: input.size,
    rows: async (cursor, limit) =>
      (await input.rows({ after: cursor.after?.id, before: cursor.before?.id }, limit)).map((row) => ({
        row,
        position: { key: row.id, id: row.id },
      })),
    count: (before) => input.count(before?.id),
  })
  return { ...page, rows: page.rows.map((entry) => entry.row) }
}

/** A cursor from the URL's `after` / `before`: positive ids, anything else ignored. */
export function idCursorOf(params: URLSearchParams): IdCursor {
  const id = (name: string) => {
    const value = params.get(name)
    const n = Number(value)
    return value !== null && Number.isSafeInteger(n) && n > 0 ? n : undefined
  }
  const before = id('before')
  return before !== undefined ? { before } : { after: id('after') }
}

/** A row's place in a list ordered by a number, ties by id (the `key:id` of a URL). */
export interface Position {
  key: number
  id: number
}

/** A position from the URL (`key:id`, whole numbers); anything else is no position (the first page). */
export function positionOf(value: string | null): Position | undefined {
  const match = value === null ? null : /^(-?\d{1,12}):(\d{1,12})$/.exec(value)
  return match ? { key: Number(match[1]), id: Number(match[2]) } : undefined
}

export function positionText(position: Position): string {
  return `${position.key}:${position.id}`
}

/**
 * Keyset paging in the order of a key, ties by id: as idPage, with the rows carrying their position. `rows` gives
 * the rows beyond a position in the list's order (or before it, in reverse order, going back); `count` the filter's
 * rows (all, or those before a position).
 */
export async function positionPage<R extends { position: Position }>(input: {
  cursor: { after?: Position; before?: Position }
  size: number
  rows: (cursor: { after?: Position; before?: Position }, limit: number) => Promise<R[]>
  count: (before?: Position) => Promise<number>
}): Promise<IdPage<R>> {
  const backwards = input.cursor.before !== undefined
  const fetched = await input.rows(
    backwards ? { before: input.cursor.before } : { after: input.cursor.after },
    input.size + 1,
  )
  const more = fetched.length > input.size
  const rows = fetched.slice(0, input.size)
  if (backwards) rows.reverse()
  const first = rows[0]
  const [total, earlier] = await Promise.all([
    input.count(),
    !first || (input.cursor.after === undefined && !backwards) ? 0 : input.count(first.position),
  ])
  return {
    rows,
    total,
    earlier,
    hasNext: backwards ? rows.length > 0 && earlier + rows.length < total : more,
    hasPrevious: rows.length > 0 && earlier > 0,
  }
}
