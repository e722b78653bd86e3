import { Fragment } from 'react'
import { type Aggregation, aggregate, formatPoints, itemPoints } from '#workflows/review/scoring'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'

export interface MatrixData {
  aggregation: Aggregation
  sheets: Array<{ id: number; reviewer_name: string }>
  scores: Array<{ sheet_id: number; item_id: number; percentage: number }>
  comments: Array<{ sheet_id: number; category_id: number; strengths: string; opportunities: string }>
  tree: Array<{
    id: number
    code: string
    name_zh: string
    name_en: string
    points: number
    items: Array<{ id: number; code: string; name_zh: string; name_en: string; points: number }>
  }>
}

/**
 * Every submitted sheet side by side: item percentages and points per reviewer, category subtotals, totals,
 * and the mean the ranking uses. Where reviewers disagree, the secretariat sees it here.
 */
export function SheetMatrix({ data }: { data: MatrixData }) {
  const t = useT()
  const lang = useLang()
  const percentage = (sheetId: number, itemId: number) =>
    data.scores.find((s) => s.sheet_id === sheetId && s.item_id === itemId)?.percentage
  const pointsOf = (sheetId: number, items: MatrixData['tree'][number]['items']) =>
    items.reduce((sum, item) => {
      const p = percentage(sheetId, item.id)
      return sum + (p === undefined ? 0 : itemPoints(p, item.points))
    }, 0)
  const allItems = data.tree.flatMap((c) => c.items)
  const meanOf = (values: number[]) => {
    const m = aggregate(data.aggregation, values)
    return m === null ? '' : formatPoints(m)
  }
  return (
    <>
      <table className="matrix" data-testid="sheet-matrix">
        <thead>
          <tr>
            <th>{t('review.item')}</th>
            <th className="num">{t('review.maxPoints')}</th>
            {data.sheets.map((sheet) => (
              <th key={sheet.id} className="num">
                {sheet.reviewer_name}
              </th>
            ))}
            <th className="num">{t('admin.meanTotal')}</th>
          </tr>
        </thead>
        <tbody>
          {data.tree.map((category) => (
            <Fragment key={category.id}>
              <tr className="subtotal">
                <th>
                  {category.code} {localName(category, lang)}
                </th>
                <th className="num">{category.points}</th>
                {data.sheets.map((sheet) => (
                  <th key={sheet.id} className="num">
                    {formatPoints(pointsOf(sheet.id, category.items))}
                  </th>
                ))}
                <th className="num">{meanOf(data.sheets.map((sheet) => pointsOf(sheet.id, category.items)))}</th>
              </tr>
              {category.items.map((item) => (
                <tr key={item.id}>
                  <td>
                    {item.code} {localName(item, lang)}
                  </td>
                  <td className="num">{item.points}</td>
                  {data.sheets.map((sheet) => {
                    const p = percentage(sheet.id, item.id)
                    return (
                      <td key={sheet.id} className="num">
                        {p === undefined ? '' : `${p}% · ${formatPoints(itemPoints(p, item.points))}`}
                      </td>
                    )
                  })}
                  <td className="num">{meanOf(data.sheets.map((sheet) => pointsOf(sheet.id, [item])))}</td>
                </tr>
              ))}
            </Fragment>
          ))}
          <tr className="subtotal">
            <th>{t('review.total')}</th>
            <th className="num">{data.tree.reduce((sum, c) => sum + c.points, 0)}</th>
            {data.sheets.map((sheet) => (
              <th key={sheet.id} className="num">
                {formatPoints(pointsOf(sheet.id, allItems))}
              </th>
            ))}
            <th className="num">{meanOf(data.sheets.map((sheet) => pointsOf(sheet.id, allItems)))}</th>
          </tr>
        </tbody>
      </table>
      {data.tree.map((category) => {
        const comments = data.comments.filter((c) => c.category_id === category.id)
        if (comments.length === 0) return null
        return (
          <details key={category.id}>
            <summary>
              {category.code} {localName(category, lang)}: {t('review.strengths')} / {t('review.opportunities')}
            </summary>
            <table>
              <tbody>
                {comments.map((comment) => (
                  <tr key={comment.sheet_id}>
                    <td>{data.sheets.find((s) => s.id === comment.sheet_id)?.reviewer_name}</td>
                    <td>
                      <pre className="text">{comment.strengths}</pre>
                    </td>
                    <td>
                      <pre className="text">{comment.opportunities}</pre>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        )
      })}
    </>
  )
}
