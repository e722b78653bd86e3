/**
 * The columns a list may show or hide, per list (issue 24: column choice on the desk and the pool). What says which
 * row it is always shows: on the desk the number, the name and the status, in the pool the expert's name.
 */
export const listColumns = {
  desk: ['category', 'score', 'sheets', 'updated'],
  // The expert pool: the name always shows.
  pool: ['kind', 'fields', 'employer', 'load', 'rating', 'state'],
} as const

export type ColumnList = keyof typeof listColumns
export type ListColumn<L extends ColumnList> = (typeof listColumns)[L][number]

/** The columns stored for a list, in the list's order; every column when none were chosen. */
export function columnsFrom<L extends ColumnList>(list: L, stored: string | null): Array<ListColumn<L>> {
  const all = listColumns[list] as readonly ListColumn<L>[]
  if (stored === null) return [...all]
  const chosen = new Set(stored.split(','))
  return all.filter((column) => chosen.has(column))
}

/** The columns posted for a list, or null when one of them is no column of the list. */
export function postedColumns<L extends ColumnList>(list: L, posted: readonly string[]): Array<ListColumn<L>> | null {
  const all = listColumns[list] as readonly string[]
  if (posted.some((column) => !all.includes(column))) return null
  return all.filter((column) => posted.includes(column)) as Array<ListColumn<L>>
}
