import type { DB } from '#db/client.server'
import { getListColumns, putListColumns } from '#db/repositories/list-columns'
import { WorkflowError } from '../errors'
import { type ColumnList, columnsFrom, type ListColumn, postedColumns } from './list-columns'

/** The columns this user sees in the list. */
export async function columnsOf<L extends ColumnList>(db: DB, userId: number, list: L): Promise<Array<ListColumn<L>>> {
  return columnsFrom(list, await getListColumns(db, userId, list))
}

/** Keeps the user's choice of columns for the list (a preference: not on the award's record). */
export async function chooseColumns(
  db: DB,
  input: { userId: number; list: ColumnList; columns: readonly string[] },
): Promise<void> {
  const columns = postedColumns(input.list, input.columns)
  if (!columns) throw new WorkflowError(400, 'errors.choose')
  await putListColumns(db, input.userId, input.list, columns.join(','))
}
