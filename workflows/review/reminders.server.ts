import type { DB } from '#db/client.server'
import { appendAudit } from '#db/repositories/audit'
import { findExpertByUser } from '#db/repositories/experts'
import { enqueueNotification } from '#db/repositories/outbox'
import { type Executor, nowIso } from '#db/repositories/types'
import { getUserById } from '#db/repositories/users'
import { claimReminder, countOpenAssignments, listAssignmentsToRemind, reviewerProgress } from '#db/repositories/review'
import type { Actor } from '../application/application.policy'
import { mayAct } from '../account/duties'
import { forbidden, notFound, WorkflowError } from '../errors'
import { addDays } from '../time'

/**
 * The secretariat reminds an expert of the reviews still open this cycle (invitations to answer, sheets to
 * submit): one e-mail naming how many, on the expert's record. Refused when nothing is open.
 */
export async function remindExpert(
  db: DB,
  input: { reviewerId: number; cycleId: number; actor: Actor; now?: string },
): Promise<number> {
  if (!mayAct(input.actor, 'assignExperts')) throw forbidden()
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const count = await remindInTransaction(trx, input.reviewerId, input.cycleId, input.actor, now)
    if (count === 0) throw new WorkflowError(409, 'errors.nothingToRemind')
    return count
  })
}

/**
 * The secretariat reminds, at once, every expert with a review past its due date this cycle; each e-mail names
 * the expert's open reviews and goes on that expert's record. Refused when nobody is overdue.
 */
export async function remindOverdueExperts(
  db: DB,
  input: { cycleId: number; actor: Actor; today: string; now?: string },
): Promise<number> {
  if (!mayAct(input.actor, 'assignExperts')) throw forbidden()
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const overdue = (await reviewerProgress(trx, input.cycleId, input.today)).filter((row) => row.overdue > 0)
    if (overdue.length === 0) throw new WorkflowError(409, 'errors.nobodyOverdue')
    for (const row of overdue) await remindInTransaction(trx, row.reviewerId, input.cycleId, input.actor, now)
    return overdue.length
  })
}

/** One expert's reminder in the caller's transaction: the e-mail and the audit row; 0 (and nothing sent) when nothing is open. */
async function remindInTransaction(
  trx: Executor,
  reviewerId: number,
  cycleId: number,
  actor: Actor,
  now: string,
): Promise<number> {
  const [user, expert] = await Promise.all([getUserById(trx, reviewerId), findExpertByUser(trx, reviewerId)])
  if (!user || !expert) throw notFound()
  const count = await countOpenAssignments(trx, reviewerId, cycleId)
  if (count === 0) return 0
  await enqueueNotification(trx, {
    kind: 'review.REMINDER',
    recipient: user.email,
    payload: { applicationId: 0, reason: String(count) },
    at: now,
  })
  await appendAudit(trx, {
    entity: 'expert',
    entityId: expert.id,
    actorUserId: actor.userId,
    at: now,
    fromState: null,
    toState: expert.active ? 'active' : 'inactive',
    event: 'REMIND_EXPERT',
    reason: String(count),
  })
  return count
}

/**
 * The scheduler's job: every expert with reviews still open whose due date is within the cycle's reminder window
 * gets one e-mail naming how many. Each assignment is claimed (a row in review_reminders) in the same transaction
 * as the e-mail is queued; a second run, or a second server process, finds it claimed and sends nothing.
 */
export async function sendDueReminders(
  db: DB,
  input: { today: string; now?: string },
): Promise<{ experts: number; assignments: number }> {
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const due = await listAssignmentsToRemind(trx, input.today)
    const inWindow = due.filter((a) => addDays(a.due_date, -a.reminder_days_before) <= input.today)
    const byExpert = new Map<number, { email: string; count: number }>()
    for (const assignment of inWindow) {
      if (!(await claimReminder(trx, assignment.id, now))) continue
      const entry = byExpert.get(assignment.reviewer_id) ?? { email: assignment.email, count: 0 }
      entry.count++
      byExpert.set(assignment.reviewer_id, entry)
    }
    for (const { email, count } of byExpert.values()) {
      await enqueueNotification(trx, {
        kind: 'review.REMINDER',
        recipient: email,
        payload: { applicationId: 0, reason: String(count) },
        at: now,
      })
    }
    return { experts: byExpert.size, assignments: [...byExpert.values()].reduce((sum, e) => sum + e.count, 0) }
  })
}
