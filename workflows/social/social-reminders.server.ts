import type { DB } from '#db/client.server'
import { enqueueNotifications } from '#db/repositories/outbox'
import { claimSocialReminder, socialOutstanding } from '#db/repositories/social'
import { nowIso } from '#db/repositories/types'
import { officeHolderEmails } from '#db/repositories/users'
import { addDays } from '../time'
import { socialDepartments } from './departments'

/** Which reminder is due on this day, if any: one in the days before the due date, one after it has passed. */
export function socialReminderKind(
  today: string,
  dueDate: string,
  reminderDaysBefore: number,
): 'beforeDue' | 'overdue' | null {
  if (today > dueDate) return 'overdue'
  if (today >= addDays(dueDate, -reminderDaysBefore)) return 'beforeDue'
  return null
}

/**
 * The scheduler's job for the social evaluation (issue 22): in each cycle with a due date for the departments'
 * answers, while answers are still outstanding for candidates before the committee, the review agency is reminded
 * once in the cycle's reminder window before the date and once after it has passed, by e-mail and in the inbox,
 * with how many answers are outstanding. Each reminder is claimed in the same transaction as it is queued, so a
 * second run or a second process sends nothing.
 */
export async function sendSocialReminders(db: DB, input: { today: string; now?: string }): Promise<number> {
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    let sent = 0
    for (const cycle of await socialOutstanding(trx, socialDepartments.length)) {
      const kind = socialReminderKind(input.today, cycle.dueDate, cycle.reminderDaysBefore)
      if (!kind || cycle.outstanding === 0) continue
      if (!(await claimSocialReminder(trx, cycle.cycleId, kind, now))) continue
      const emails = await officeHolderEmails(trx, 'agency')
      await enqueueNotifications(
        trx,
        emails.map((recipient) => ({
          kind: 'social.REMINDER',
          recipient,
          payload: { applicationId: 0, reason: String(cycle.outstanding) },
          at: now,
        })),
      )
      sent++
    }
    return sent
  })
}
