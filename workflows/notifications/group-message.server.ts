import type { DB } from '#db/client.server'
import { appendAudit } from '#db/repositories/audit'
import { getCycle, listCycleCategories } from '#db/repositories/cycles'
import { groupRecipients, insertGroupMessage } from '#db/repositories/group-messages'
import { enqueueNotifications } from '#db/repositories/outbox'
import { type Executor, nowIso } from '#db/repositories/types'
import type { Actor } from '../application/application.policy'
import { mayAct } from '../account/duties'
import { cycleAuditReason } from '../cycle/cycle-audit'
import { forbidden, notFound, WorkflowError } from '../errors'
import { applicationNumber } from '../application/application-number'
import {
  type Audience,
  type AudienceRecord,
  distinctRecipients,
  fillPlaceholders,
  type GroupRecipient,
} from './group-message'

type CycleOfMessage = { id: number; year: number }

async function cycleOf(db: Executor, cycleId: number): Promise<CycleOfMessage> {
  const cycle = await getCycle(db, cycleId)
  if (!cycle) throw notFound()
  return cycle
}

async function recipientsOf(db: Executor, cycle: CycleOfMessage, audience: Audience): Promise<GroupRecipient[]> {
  return distinctRecipients(await groupRecipients(db, cycle, audience))
}

/** The audience with the names it is sent under, so that the record reads the same after a category is renamed. */
async function audienceRecord(db: Executor, cycle: CycleOfMessage, audience: Audience): Promise<AudienceRecord> {
  if (audience.to === 'applicants' && audience.category) {
    const category = (await listCycleCategories(db, cycle.id)).find((c) => c.code === audience.category)
    return category ? { ...audience, categoryName: { zh: category.name_zh, en: category.name_en } } : audience
  }
  if (audience.to === 'panel' || audience.to === 'team')
    return { ...audience, number: applicationNumber(cycle.year, audience.applicationId) }
  return audience
}

/**
 * Who a message to this audience would reach now, for the confirmation: how many, the first few names, and the
 * message as the first of them will read it (placeholders filled). Nothing is written.
 */
export async function previewGroupMessage(
  db: DB,
  input: { cycleId: number; actor: Actor; audience: Audience; subject: string; body: string },
): Promise<{ count: number; first: string[]; sample: { subject: string; body: string } | null }> {
  if (!mayAct(input.actor, 'writeMessages')) throw forbidden()
  const recipients = await recipientsOf(db, await cycleOf(db, input.cycleId), input.audience)
  const [example] = recipients
  return {
    count: recipients.length,
    first: recipients
      .slice(0, 5)
      .map((r) => (input.audience.to === 'applicants' && r.organisation ? r.organisation : r.name)),
    sample: example
      ? { subject: fillPlaceholders(input.subject, example), body: fillPlaceholders(input.body, example) }
      : null,
  }
}

/**
 * Sends the secretariat's message to the group: each recipient's copy (placeholders filled) by e-mail and to the
 * inbox, the message on the cycle's record, in one transaction. The secretariat confirmed a number of recipients;
 * if the group has changed since (an applicant withdrew, an expert was seated), nothing is sent and it is asked
 * again, so that no message goes to more or fewer people than the confirmation said.
 */
export async function sendGroupMessage(
  db: DB,
  input: {
    cycleId: number
    actor: Actor
    audience: Audience
    subject: string
    body: string
    confirmedRecipients: number
    now?: string
  },
): Promise<{ id: number; recipients: number }> {
  if (!mayAct(input.actor, 'writeMessages')) throw forbidden()
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const cycle = await cycleOf(trx, input.cycleId)
    const recipients = await recipientsOf(trx, cycle, input.audience)
    if (recipients.length === 0) throw new WorkflowError(409, 'errors.noRecipients')
    if (recipients.length !== input.confirmedRecipients)
      throw new WorkflowError(409, 'errors.recipientsChanged', undefined, {
        confirmed: input.confirmedRecipients,
        count: recipients.length,
      })
    const audience = await audienceRecord(trx, cycle, input.audience)
    const id = await insertGroupMessage(trx, {
      cycleId: input.cycleId,
      audience,
      subject: input.subject,
      body: input.body,
      recipients: recipients.length,
      sentBy: input.actor.userId,
      at: now,
    })
    await enqueueNotifications(
      trx,
      recipients.map((recipient) => ({
        kind: 'message.GROUP',
        recipient: recipient.email,
        payload: {
          applicationId: recipient.applicationId ?? 0,
          subject: fillPlaceholders(input.subject, recipient),
          reason: fillPlaceholders(input.body, recipient),
          link: input.audience.to === 'applicants' ? `/applicant/applications/${recipient.applicationId}` : '/review',
          groupMessageId: id,
        },
        at: now,
      })),
    )
    await appendAudit(trx, {
      entity: 'cycle',
      entityId: input.cycleId,
      actorUserId: input.actor.userId,
      at: now,
      fromState: null,
      toState: 'sent',
      event: 'SEND_GROUP_MESSAGE',
      reason: cycleAuditReason({
        kind: 'message',
        audience,
        subject: input.subject,
        recipients: recipients.length,
      }),
    })
    return { id, recipients: recipients.length }
  })
}
