import { PanelError } from '~/components/panel-error'
import { useT } from '~/hooks/use-i18n'
import type { AdminApplicationData } from '~/routes/admin.applications.$id'
import { ActionForm } from './action-form'

/** Reviewers assigned (and recused), and assigning another while document review is open. */
export function AssignmentsPanel({ data }: { data: AdminApplicationData }) {
  const t = useT()
  const app = data.application
  return (
    <>
      <div className="card" id="assignments">
        <h2>{t('admin.assignments')}</h2>
        <PanelError panel="assignments" />
        <p>{t('admin.minReviewers', { count: data.minReviewers })}</p>
        <table data-testid="assignments">
          <thead>
            <tr>
              <th>{t('admin.reviewer')}</th>
              <th>{t('review.sheet')}</th>
            </tr>
          </thead>
          <tbody>
            {data.assignments.map((a) => (
              <tr key={a.id}>
                <td>{a.reviewer_name}</td>
                <td>{a.recused_at ? t('admin.recused', { reason: a.recusal_reason ?? '' }) : t(`review.sheetStatus.${a.sheet_status ?? 'none'}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data.can.assign && data.reviewers.length > 0 ? (
          <ActionForm version={app.version} className="actions">
            <label>
              {t('admin.reviewer')}
              <select name="reviewerId" aria-label={t('admin.reviewer')}>
                {data.reviewers.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.display_name} · {r.expertise ?? ''}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" name="intent" value="assign">{t('admin.assign')}</button>
          </ActionForm>
        ) : null}
      </div>
    </>
  )
}
