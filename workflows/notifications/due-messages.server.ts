import type { DB } from '#db/client.server'
import { sendDraftReminders } from '../application/draft-reminders.server'
import { sendDueReminders } from '../review/reminders.server'
import { sendSocialReminders } from '../social/social-reminders.server'
import { beijingToday } from '../time'
import { sendWeeklyDigest } from './digest.server'

export interface DueMessages {
  /** Experts reminded of their reviews, and the reviews named. */
  experts: number
  assignments: number
  /** Cycles whose review agency was reminded of the social evaluation's answers. */
  social: number
  /** Unsubmitted drafts whose applicants were reminded of the deadline. */
  drafts: number
  /** Secretariat members sent the weekly digest. */
  digests: number
}

/**
 * Every message that has fallen due on the award's clock, queued in the outbox: the review reminders, the social
 * evaluation's reminders, the deadline reminders and the weekly digest, each claimed in the database first so that
 * two processes never queue one twice. The scheduler runs this every quarter of an hour; a rehearsal runs it at its
 * own clock each time the secretariat moves it (its outbox is never sent).
 */
export async function queueDueMessages(db: DB): Promise<DueMessages> {
  const reminders = await sendDueReminders(db, { today: beijingToday() })
  const social = await sendSocialReminders(db, { today: beijingToday() })
  const drafts = await sendDraftReminders(db)
  const digests = await sendWeeklyDigest(db)
  return { experts: reminders.experts, assignments: reminders.assignments, social, drafts, digests }
}
