import { Link } from '@remix-run/react'
import { isActiveAssignment } from '#workflows/review/assignment.machine'
import { useLang, useT } from '~/hooks/use-i18n'
import type { AdminApplicationData } from '../loader.server'
import { formatDateTime } from '~/utils/format'

/**
 * How many sheets are in, each sheet's total, and the combined score once all are in. The sheets item by item
 * (23 items side by side) have their own page: this one stays an overview.
 */
export function SheetsPanel({ data }: { data: AdminApplicationData }) {
  const t = useT()
  const lang = useLang()
  const active = data.assignments.filter((a) => isActiveAssignment(a.status))
  const allIn = active.length > 0 && active.every((a) => a.sheet_status === 'submitted')
  const id = data.application.id
  return (
    <div className="card">
      <h2>{t('admin.sheets')}</h2>
      <p>{t('admin.awaitingSheets', { submitted: data.standing.sheetTotals.length, assigned: active.length })}</p>
      {data.sheets.length > 0 ? (
        <>
          <div className="scroll">
            <table data-testid="sheet-totals">
              <thead>
                <tr>
                  <th>{t('admin.reviewer')}</th>
                  <th>{t('admin.submittedColumn')}</th>
                  <th className="num">{t('review.total')}</th>
                </tr>
              </thead>
              <tbody>
                {data.sheets.map((sheet) => (
                  <tr key={sheet.id}>
                    <td>{sheet.reviewerName}</td>
                    <td>{sheet.submittedAt ? formatDateTime(sheet.submittedAt, lang) : ''}</td>
                    <td className="num">{sheet.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <Link to={`/admin/applications/${id}/scores`}>{t('matrix.open', { count: data.sheets.length })}</Link> ·{' '}
            <a href={`/admin/applications/${id}/scores.xlsx`} download>
              {t('matrix.export')}
            </a>
          </p>
        </>
      ) : null}
      {allIn && data.standing.score ? (
        <p>
          {t('admin.meanTotal')}: <strong data-testid="mean-total">{data.standing.score}</strong>
        </p>
      ) : null}
    </div>
  )
}
