import type { LoaderFunctionArgs } from '@remix-run/node'
import { toCsv } from '~/utils/csv.server'
import { rankingTable } from '~/utils/ranking-export.server'
import { requireUser } from '~/utils/session.server'
import { cellText } from '~/utils/xlsx.server'
import { downloadName } from '~/utils/rehearsal-scope.server'

/** The ranking as a spreadsheet for the committee's meeting papers (toCsv: BOM first, no live formulas). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const { year, header, rows } = await rankingTable(request)
  const csv = toCsv([header, ...rows.map((row) => row.map(cellText))])
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${downloadName(`ranking-${year}.csv`)}"`,
      'Cache-Control': 'no-store',
    },
  })
}
