import { requireApplicationForSecretariat } from '~/utils/application-access.server'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getCriteriaTree } from '#db/repositories/criteria'
import { getCycle } from '#db/repositories/cycles'
import { listItemScoresOfSheets, listSubmittedSheetsOfApplication } from '#db/repositories/review'
import { itemPoints } from '#workflows/review/scoring'
import { localName } from '~/i18n'
import { getLang, getTranslator } from '~/utils/i18n.server'
import type { ExportCell } from '~/utils/ranking-export.server'
import { toXlsx, xlsxResponse } from '~/utils/xlsx.server'

/**
 * One application's score matrix as an Excel workbook: the criteria items down, each reviewer's percentage and
 * points across, category subtotals and each sheet's total; for the committee's papers.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, application } = await requireApplicationForSecretariat(request, params.id)
  const cycle = (await getCycle(db, application.cycle_id))!
  const [lang, t, tree, sheets] = await Promise.all([
    getLang(request),
    getTranslator(request),
    getCriteriaTree(db, cycle.edition_id),
    listSubmittedSheetsOfApplication(db, application.id),
  ])
  const scores = await listItemScoresOfSheets(
    db,
    sheets.map((s) => s.id),
  )
  const percentage = new Map(scores.map((s) => [`${s.sheet_id}/${s.item_id}`, s.percentage]))
  const header = [
    t('review.item'),
    t('review.maxPoints'),
    ...sheets.flatMap((s) => [`${s.reviewer_name} %`, `${s.reviewer_name} ${t('review.points')}`]),
  ]
  const rows: ExportCell[][] = []
  const points = (sheetId: number, items: ReadonlyArray<{ id: number; points: number }>) =>
    items.reduce((sum, item) => {
      const p = percentage.get(`${sheetId}/${item.id}`)
      return sum + (p === undefined ? 0 : itemPoints(p, item.points))
    }, 0)
  for (const category of tree.categories) {
    for (const item of category.items) {
      rows.push([
        `${item.code} ${localName(item, lang)}`,
        { count: item.points },
        ...sheets.flatMap((s): ExportCell[] => {
          const p = percentage.get(`${s.id}/${item.id}`)
          return p === undefined ? ['', ''] : [{ count: p }, { points: itemPoints(p, item.points) }]
        }),
      ])
    }
    rows.push([
      `${category.code} ${localName(category, lang)} · ${t('matrix.subtotal')}`,
      { count: category.points },
      ...sheets.flatMap((s): ExportCell[] => ['', { points: points(s.id, category.items) }]),
    ])
  }
  const allItems = tree.categories.flatMap((c) => c.items)
  rows.push([
    t('review.total'),
    { count: tree.categories.reduce((sum, c) => sum + c.points, 0) },
    ...sheets.flatMap((s): ExportCell[] => ['', { points: points(s.id, allItems) }]),
  ])
  return xlsxResponse(await toXlsx(t('matrix.sheetName'), header, rows), `scores-${application.id}.xlsx`)
}
