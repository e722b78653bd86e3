import { ConfirmButton } from '~/components/confirm-button'
import { InlineError, PanelError } from '~/components/panel-error'
import { useLang, useT } from '~/hooks/use-i18n'
import type { AdminApplicationData } from '../loader.server'
import { formatDateTime } from '~/utils/format'
import { ActionForm } from './action-form'

type Draw = AdminApplicationData['draws'][number]

/** One draw as it stands on the record: when, by whom, from how many, who was left out and why, who was chosen. */
function DrawRecord({ draw }: { draw: Draw }) {
  const t = useT()
  const lang = useLang()
  return (
    <li data-testid="draw-record">
      <strong>{t(draw.kind === 'draw' ? 'draw.kind.draw' : 'draw.kind.redraw')}</strong> ·{' '}
      {formatDateTime(draw.at, lang)} · {draw.actorName ?? t('draw.bySystem')} ·{' '}
      {t('draw.summary', { seed: draw.seed, candidates: draw.candidates, cap: draw.loadCap })}
      <br />
      {t('draw.chosen')}: {draw.chosen.join('、')}
      {draw.exclusions.length > 0 ? (
        <ul className="guide">
          {draw.exclusions.map((e, i) => (
            <li key={i}>
              {e.name}:{' '}
              {e.reason === 'conflict'
                ? e.conflicts
                    .map((c) => t(`conflict.${c.kind}` as 'conflict.currentEmployer', { organisation: c.organisation }))
                    .join('；')
                : t(`draw.excluded.${e.reason}` as 'draw.excluded.atCap')}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  )
}

/** The experts of this application: their answers and sheets, the draw records, and drawing, replacing, removing. */
export function AssignmentsPanel({ data }: { data: AdminApplicationData }) {
  const t = useT()
  const lang = useLang()
  const app = data.application
  const short = Math.max(0, data.reviewersPerApplication - data.activeAssignments)
  return (
    <>
      <div className="card" id="assignments">
        <h2>{t('admin.assignments')}</h2>
        <PanelError panel="assignments" />
        <p>
          {t('draw.perApplication', { count: data.reviewersPerApplication })}{' '}
          {t('admin.minReviewers', { count: data.minReviewers })}
        </p>
        {data.can.assign && short > 0 ? (
          <p className="alert" data-testid="short">
            {t('draw.short', { count: short })}
          </p>
        ) : null}
        <div className="scroll">
          <table data-testid="assignments">
            <thead>
              <tr>
                <th>{t('admin.reviewer')}</th>
                <th>{t('draw.status')}</th>
                <th>{t('review.sheet')}</th>
                {data.can.assign ? <th /> : null}
              </tr>
            </thead>
            <tbody>
              {data.assignments.map((a) => (
                <tr key={a.id} data-status={a.status}>
                  <td>
                    {a.reviewer_name}
                    {a.canLogIn ? null : (
                      <span className="error" data-testid="cannot-log-in">
                        {' '}
                        · {t('draw.cannotLogIn')}
                      </span>
                    )}
                  </td>
                  <td>
                    {t(`assignment.status.${a.status}`)}
                    {a.end_reason ? `：${a.end_reason}` : ''}
                    {a.responded_at || a.ended_at ? (
                      <span className="guide"> · {formatDateTime(a.ended_at ?? a.responded_at!, lang)}</span>
                    ) : null}
                  </td>
                  <td>{t(`review.sheetStatus.${a.sheet_status ?? 'none'}`)}</td>
                  {data.can.assign || data.can.takeSheetOut ? (
                    <td>
                      {a.status === 'submitted' && data.can.takeSheetOut ? (
                        <EndAssignment
                          version={app.version}
                          assignmentId={a.id}
                          summary={t('draw.takeSheetOut')}
                          hint={t('draw.takeSheetOutHint')}
                          choices={[
                            {
                              redraw: 'yes',
                              label: t('draw.takeSheetOutAndRedraw'),
                              confirm: t('confirm.takeSheetOut', { name: a.reviewer_name }),
                            },
                          ]}
                        />
                      ) : null}
                      {data.can.assign &&
                      (a.status === 'invited' || a.status === 'accepted' || a.status === 'inProgress') ? (
                        <EndAssignment
                          version={app.version}
                          assignmentId={a.id}
                          summary={t('draw.replaceOrRemove')}
                          choices={[
                            {
                              redraw: 'yes',
                              label: t('draw.replace'),
                              confirm: t('confirm.replaceReviewer', { name: a.reviewer_name }),
                            },
                            {
                              redraw: 'no',
                              label: t('draw.remove'),
                              confirm: t('confirm.removeReviewer', { name: a.reviewer_name }),
                            },
                          ]}
                        />
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {data.can.assign && short > 0 ? (
          <ActionForm version={app.version} className="actions">
            <ConfirmButton name="intent" value="draw" confirm={t('confirm.drawReviewers', { count: short })}>
              {t('draw.button', { count: short })}
            </ConfirmButton>
          </ActionForm>
        ) : null}
        {data.draws.length > 0 ? (
          <section>
            <h3>{t('draw.records')}</h3>
            <ul>
              {data.draws.map((draw) => (
                <DrawRecord key={draw.id} draw={draw} />
              ))}
            </ul>
          </section>
        ) : null}
        {data.can.assign && data.reviewers.length > 0 ? (
          <details>
            <summary>{t('draw.nameExpert')}</summary>
            <p className="guide">{t('assign.guide')}</p>
            <ActionForm version={app.version} className="actions">
              <label>
                {t('admin.reviewer')}
                <select name="reviewerId" aria-label={t('admin.reviewer')} data-testid="assign-candidates">
                  {data.reviewers.map((r) => (
                    <option key={r.id} value={r.id} disabled={r.declaredConflict || r.conflicts.length > 0}>
                      {[
                        r.name,
                        r.fields,
                        t('assign.load', { load: r.load, cap: r.cap }),
                        r.load >= r.cap ? t('assign.atCap') : '',
                        r.conflicts.length > 0
                          ? t('assign.conflicted', {
                              conflicts: r.conflicts
                                .map((c) => t(`conflict.${c.kind}`, { organisation: c.name }))
                                .join('；'),
                            })
                          : '',
                        r.declaredConflict ? t('assign.declared') : '',
                        r.canLogIn ? '' : t('assign.cannotLogIn'),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" name="intent" value="assign" className="secondary">
                {t('admin.assign')}
              </button>
            </ActionForm>
          </details>
        ) : null}
      </div>
    </>
  )
}

/**
 * Ends an expert's assignment with a reason: replaced or taken off before they scored, or (a conflict found after
 * scoring) their sheet taken out; the same form and intent, with the choices each case allows.
 */
function EndAssignment(props: {
  version: number
  assignmentId: number
  summary: string
  hint?: string
  choices: Array<{ redraw: 'yes' | 'no'; label: string; confirm: string }>
}) {
  const t = useT()
  return (
    <details>
      <summary>{props.summary}</summary>
      <ActionForm version={props.version} className="actions">
        <input type="hidden" name="intent" value="removeAssignment" />
        <input type="hidden" name="assignmentId" value={props.assignmentId} />
        {props.hint ? <p className="guide">{props.hint}</p> : null}
        <label>
          {t('draw.removeReason')}
          <textarea name="reason" rows={2} required />
          <InlineError panel="assignments" name="reason" />
        </label>
        {props.choices.map((choice) => (
          <ConfirmButton
            key={choice.redraw}
            name="redraw"
            value={choice.redraw}
            className="secondary"
            confirm={choice.confirm}
          >
            {choice.label}
          </ConfirmButton>
        ))}
      </ActionForm>
    </details>
  )
}
