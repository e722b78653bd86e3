import { Field } from '~/components/field'
import { InlineError, PanelError, usePanelFieldError } from '~/components/panel-error'
import { DefenceSlot, SiteVisitDate } from '~/components/stage-slot'
import { useT } from '~/hooks/use-i18n'
import type { AdminApplicationData } from '../loader.server'
import { ActionForm } from './action-form'

/**
 * The second half of the award on the secretariat's page: the defence (slot, panel, sheets, score), the site visit
 * (date, team, sheet, findings, score), and the final score term by term with the cycle's weights.
 */
export function StagesPanel({ data }: { data: AdminApplicationData }) {
  const t = useT()
  const stages = data.stages
  const app = data.application
  const fieldError = usePanelFieldError('stages')
  if (!stages.shown || !stages.view) return null
  const s = stages.view
  return (
    <div className="card" id="stages">
      <h2>
        {t('stages.defence')} · {t('stages.siteVisit')}
      </h2>
      <PanelError panel="stages" />
      <h3>{t('stages.defence')}</h3>
      {s.defence ? (
        <p data-testid="defence-slot">
          <DefenceSlot slot={s.defence} /> ·{' '}
          {s.defence.confirmed ? t('stages.confirmed') : <strong>{t('stages.unconfirmed')}</strong>} ·{' '}
          {s.defence.presentation ? (
            <a href={`/defence-presentation/${app.id}`}>
              {t('stages.presentation')}: {s.defence.presentation}
            </a>
          ) : (
            t('stages.noPresentation')
          )}
        </p>
      ) : null}
      {s.panel.length > 0 ? (
        <div className="scroll">
          <table>
            <caption>
              {t('stages.panel')} ·{' '}
              {t('stages.sheetsIn', {
                submitted: s.panel.filter((m) => m.sheet === 'submitted').length,
                panel: s.panel.length,
              })}
            </caption>
            <thead>
              <tr>
                <th>{t('admin.reviewer')}</th>
                <th>{t('stages.sheet')}</th>
                <th className="num">{t('stages.score')}</th>
                <th>{t('stages.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {s.panel.map((member) => (
                <tr key={member.name}>
                  <td>{member.name}</td>
                  <td>{t(`review.sheetStatus.${member.sheet ?? 'none'}`)}</td>
                  <td className="num">{member.sheet === 'submitted' ? member.total : ''}</td>
                  <td>{member.notes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {stages.canScheduleDefence ? (
        <ActionForm version={app.version} className="row">
          <input type="hidden" name="intent" value="scheduleDefence" />
          <Field id="defence-date" label={t('stages.date')} error={fieldError('date')}>
            <input id="defence-date" name="date" type="date" required defaultValue={s.defence?.startsAt.slice(0, 10)} />
          </Field>
          <Field id="defence-time" label={t('stages.time')} error={fieldError('time')}>
            <input
              id="defence-time"
              name="time"
              type="time"
              required
              defaultValue={s.defence?.startsAt.slice(11) ?? '09:00'}
            />
          </Field>
          <Field id="defence-minutes" label={t('stages.minutes')} error={fieldError('minutes')}>
            <input
              id="defence-minutes"
              name="minutes"
              inputMode="numeric"
              required
              defaultValue={s.defence?.minutes ?? s.defaultMinutes}
              size={4}
            />
          </Field>
          <Field id="defence-place" label={t('stages.place')} error={fieldError('place')}>
            <input id="defence-place" name="place" required defaultValue={s.defence?.place} />
          </Field>
          <div className="actions">
            <button type="submit">{s.defence ? t('stages.moveDefence') : t('stages.scheduleDefence')}</button>
          </div>
          {s.defence ? null : <p className="guide">{t('stages.drawHint')}</p>}
        </ActionForm>
      ) : null}
      {!s.defence && !stages.canScheduleDefence ? <p className="guide">{t('stages.notYet')}</p> : null}

      <h3>{t('stages.siteVisit')}</h3>
      {s.visit ? (
        <p data-testid="site-visit">
          <SiteVisitDate visit={s.visit} /> ·{' '}
          {s.visit.confirmed ? t('stages.confirmed') : <strong>{t('stages.unconfirmed')}</strong>} ·{' '}
          {s.visit.recorded ? t('stages.recorded') : t('stages.notRecorded')}
        </p>
      ) : null}
      {s.team.length > 0 ? (
        <p data-testid="site-visit-team">
          {t('stages.teamList', {
            names: s.team.map((m) => (m.leader ? `${m.name}（${t('stages.leader')}）` : m.name)).join('、'),
          })}
        </p>
      ) : null}
      {s.visit?.recorded ? (
        s.findings.length > 0 ? (
          <ul aria-label={t('stages.findings')}>
            {s.findings.map((f) => (
              <li key={f.id}>
                <strong>{t(`stages.severity.${f.severity}`)}</strong> {f.text}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('stages.noFindings')}</p>
        )
      ) : null}
      {stages.canScheduleVisit ? (
        <ActionForm version={app.version} className="row">
          <input type="hidden" name="intent" value="scheduleSiteVisit" />
          <Field id="visit-date" label={t('stages.visitDate')} error={fieldError('date')}>
            <input id="visit-date" name="date" type="date" required defaultValue={s.visit?.date} />
          </Field>
          <Field id="visit-address" label={t('stages.address')} error={fieldError('address')}>
            <input id="visit-address" name="address" required defaultValue={s.visit?.address} />
          </Field>
          <div className="actions">
            <button type="submit">{s.visit ? t('stages.moveVisit') : t('stages.scheduleVisit')}</button>
          </div>
        </ActionForm>
      ) : null}
      <InlineError panel="stages" name="intent" />

      <h3>{t('final.heading')}</h3>
      <p className="guide">{t('final.weights', s.scores.weights)}</p>
      <table data-testid="final-terms" className="terms">
        <tbody>
          <tr>
            <th>{t('final.document')}</th>
            <td className="num">{s.scores.document ?? '—'}</td>
          </tr>
          <tr>
            <th>{t('final.defence')}</th>
            <td className="num">{s.scores.defence ?? '—'}</td>
          </tr>
          <tr>
            <th>{t('final.siteVisit')}</th>
            <td className="num">{s.scores.siteVisit ?? '—'}</td>
          </tr>
          <tr>
            <th>{t('final.final')}</th>
            <td className="num">
              <strong>{s.scores.final ?? t('final.pending')}</strong>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  )
}
