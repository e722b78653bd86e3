import type { LoaderFunctionArgs } from '@remix-run/node'
import { rankingTable } from '~/utils/ranking-export.server'
import { requireUser } from '~/utils/session.server'
import { toXlsx, xlsxResponse } from '~/utils/xlsx.server'

/** The ranking as an Excel workbook: the same columns as the CSV, numbers as numbers, the header frozen. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const { year, header, rows, sheetName } = await rankingTable(request)
  return xlsxResponse(await toXlsx(sheetName, header, rows), `ranking-${year}.xlsx`)
}
