import type { DB } from '#db/client.server'
import { getCurrentCycle } from '#db/repositories/cycles'
import { claimDigest, type WeeklyFigures, weeklyFigures } from '#db/repositories/digest'
import { enqueueNotifications } from '#db/repositories/outbox'
import { nowIso } from '#db/repositories/types'
import { listAdministratorEmails } from '#db/repositories/users'
import { addDays, isoToBeijingLocal } from '../time'

/** Mondays from 09:00 Beijing time: the start of the secretariat's working week. */
const digestHour = 9

/** The Monday of the Beijing week a moment falls in, and whether the digest's hour has come. */
export function digestWeek(now: string): { weekOf: string; due: boolean } {
  const local = isoToBeijingLocal(now)
  const today = local.slice(0, 10)
  const sinceMonday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7
  return { weekOf: addDays(today, -sinceMonday), due: sinceMonday > 0 || Number(local.slice(11, 13)) >= digestHour }
}

/** The digest's lines, in Chinese and in English: the inbox shows the reader's, the e-mail both. */
export function digestText(f: WeeklyFigures): { zh: string; en: string } {
  return {
    zh: [
      `过去7天新提交：${f.submittedThisWeek}`,
      `待资格审核：${f.awaitingEligibility}`,
      `材料评审中：${f.inDocumentReview}`,
      `逾期未完成的评审：${f.overdueReviews}（${f.overdueExperts} 位专家）`,
      `待委员会审定：${f.awaitingCommittee}`,
      `待处理的异议：${f.openObjections}`,
    ].join('\n'),
    en: [
      `Submitted in the last 7 days: ${f.submittedThisWeek}`,
      `Awaiting the eligibility review: ${f.awaitingEligibility}`,
      `In document review: ${f.inDocumentReview}`,
      `Overdue reviews: ${f.overdueReviews} (experts: ${f.overdueExperts})`,
      `Awaiting the committee: ${f.awaitingCommittee}`,
      `Open objections: ${f.openObjections}`,
    ].join('\n'),
  }
}

/**
 * The scheduler's weekly job for the secretariat: from Monday 09:00 Beijing time, once per week, every
 * secretariat member gets the current cycle's figures by e-mail and in the inbox. Claimed in the transaction that
 * queues it, so two processes (or a restart) never send a week's digest twice. A server that was down on Monday
 * sends it on its first run later that week.
 */
export async function sendWeeklyDigest(db: DB, input: { now?: string } = {}): Promise<number> {
  const now = input.now ?? nowIso()
  const { weekOf, due } = digestWeek(now)
  if (!due) return 0
  return db.transaction().execute(async (trx) => {
    const cycle = await getCurrentCycle(trx)
    if (!cycle) return 0
    if (!(await claimDigest(trx, weekOf, now))) return 0
    const since = new Date(Date.parse(now) - 7 * 86_400_000).toISOString()
    const figures = await weeklyFigures(trx, cycle.id, { since, today: isoToBeijingLocal(now).slice(0, 10) })
    const recipients = await listAdministratorEmails(trx)
    await enqueueNotifications(
      trx,
      recipients.map((recipient) => ({
        kind: 'secretariat.DIGEST',
        recipient,
        payload: { applicationId: 0, reason: digestText(figures) },
        at: now,
      })),
    )
    return recipients.length
  })
}
