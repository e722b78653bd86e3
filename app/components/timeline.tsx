import type { ReactNode } from 'react'
import { useLang, useT } from '~/hooks/use-i18n'
import { formatDateTime } from '~/utils/format'

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
              <td>{`${t(`event.${entry.event}`)} → ${t(`status.${entry.to_state}`)}`}</td>
              <td>{renderReason ? renderReason(entry.reason) : (entry.reason ?? '')}</td>
              {/* Applicants see which office acted, the secretariat sees the person. */}
              <td>{showActor ? (entry.actor_name ?? '') : entry.actor_role ? t(`role.${entry.actor_role}`) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
