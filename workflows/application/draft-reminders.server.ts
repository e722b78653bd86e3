import type { DB } from '#db/client.server'
import { claimDraftReminder, listDraftsBeforeDeadline } from '#db/repositories/draft-reminders'
import { enqueueNotification } from '#db/repositories/outbox'
import { nowIso } from '#db/repositories/types'
import { beijingToday, isoToBeijingLocal } from '../time'

/** Whole days from one Beijing date to another (YYYY-MM-DD). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/**
 * The scheduler's job for applicants: an organisation with an unsubmitted draft is reminded 7 days before the
 * deadline (Beijing dates), and again the day before. Each reminder is claimed in the same transaction that queues
 * it, so it goes out once; a draft first seen inside the last day gets only the last reminder.
 */
export async function sendDraftReminders(db: DB, input: { now?: string } = {}): Promise<number> {
  const now = input.now ?? nowIso()
  const today = beijingToday(new Date(now))
  return db.transaction().execute(async (trx) => {
    let sent = 0
    for (const draft of await listDraftsBeforeDeadline(trx, now)) {
      const deadlineDay = isoToBeijingLocal(draft.deadline).slice(0, 10)
      const daysLeft = daysBetween(today, deadlineDay)
      const kind = daysLeft <= 1 ? 'dayBefore' : daysLeft <= 7 ? 'weekBefore' : null
      if (!kind || draft.claimed.has(kind)) continue
      // Inside the last day the week's reminder is claimed too: a late first run sends one e-mail, not two.
      if (kind === 'dayBefore') await claimDraftReminder(trx, draft.id, 'weekBefore', now)
      if (!(await claimDraftReminder(trx, draft.id, kind, now))) continue
      const deadline = isoToBeijingLocal(draft.deadline).replace('T', ' ')
      await enqueueNotification(trx, {
        kind: 'application.DRAFT_REMINDER',
        recipient: draft.email,
        payload: { applicationId: draft.id, reason: deadline },
        at: now,
      })
      sent++
    }
    return sent
  })
}
