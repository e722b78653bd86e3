import type { ReactNode } from 'react'
import { useLang, useT } from '~/hooks/use-i18n'
import { formatDateTime } from '~/utils/format'
import { readEligibilityAuditReason } from '#workflows/application/eligibility-audit'
import { keyOf } from '~/i18n'

export interface TimelineEntry {
  id: number
  at: string
  event: string
  to_state: string
  reason: string | null
  actor_role: string | null
  actor_name: string | null
}

/** The status history: every transition, when, what, and the reason given. */
export function Timeline({
  entries,
  showActor,
  renderReason,
}: {
  entries: TimelineEntry[]
  showActor: boolean
  renderReason?: (reason: string | null) => ReactNode
}) {
  const t = useT()
  const lang = useLang()
  // Four columns do not fit a phone: the table scrolls within the page instead of widening it.
  return (
    <div className="scroll">
      <table className="timeline">
        <thead>
          <tr>
            <th>{t('application.when')}</th>
            <th>{t('application.what')}</th>
            <th>{t('application.reason')}</th>
            <th>{t('application.by')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{formatDateTime(entry.at, lang)}</td>
              <td>{`${t(keyOf(`event.${entry.event}`))} → ${t(keyOf(`status.${entry.to_state}`))}`}</td>
              <td>{renderReason ? renderReason(entry.reason) : <AuditReason reason={entry.reason} />}</td>
              {/* Applicants see which office acted, the secretariat sees the person. */}
              <td>
                {showActor ? (entry.actor_name ?? '') : entry.actor_role ? t(keyOf(`role.${entry.actor_role}`)) : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** A reason as the reader reads it: recorded data (an eligibility confirmation) in their language, else as written. */
function AuditReason({ reason }: { reason: string | null }) {
  const t = useT()
  const confirmation = readEligibilityAuditReason(reason)
  if (!confirmation) return <>{reason ?? ''}</>
  const verdict = confirmation.met ? t('checklist.met') : t('checklist.notMet')
  const note = confirmation.note ? ` — ${confirmation.note}` : ''
  const condition = t(`declaration.${confirmation.condition}`)
  return <>{`${t('audit.eligibilityCondition', { condition, verdict })}${note}`}</>
}
