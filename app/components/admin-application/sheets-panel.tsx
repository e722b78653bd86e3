import { isActiveAssignment } from '#workflows/review/assignment.machine'
import { SheetMatrix } from '~/components/sheet-matrix'
import { useT } from '~/hooks/use-i18n'
import type { AdminApplicationData } from '~/routes/admin.applications.$id'

/** How many sheets are in, the sheets side by side, and the combined score once all are in. */
export function SheetsPanel({ data }: { data: AdminApplicationData }) {
  const t = useT()
  const active = data.assignments.filter((a) => isActiveAssignment(a.status))
  const allIn = active.length > 0 && active.every((a) => a.sheet_status === 'submitted')
  return (
    <>
      <div className="card">
        <h2>{t('admin.sheets')}</h2>
        <p>{t('admin.awaitingSheets', { submitted: data.standing.sheetTotals.length, assigned: active.length })}</p>
        {data.matrix.sheets.length > 0 ? (
          <>
            <SheetMatrix data={data.matrix} />
            <p>
              <a href={`/admin/applications/${data.application.id}/scores.xlsx`} download>
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
    </>
  )
}
