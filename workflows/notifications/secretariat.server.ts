import { enqueueNotifications } from '#db/repositories/outbox'
import type { Executor } from '#db/repositories/types'
import { listAdministratorEmails } from '#db/repositories/users'

/** What the secretariat is told of as it happens: an objection, a conflict declared, a review complete, a correction back. */
export type SecretariatNotice =
  'objection.FILED' | 'secretariat.CONFLICT' | 'secretariat.REVIEW_COMPLETE' | 'secretariat.RESUBMITTED'

/** Tells every secretariat member (by e-mail and in their inbox), in the caller's transaction. */
export async function tellSecretariat(
  trx: Executor,
  kind: SecretariatNotice,
  applicationId: number,
  now: string,
  reason: string | null = null,
): Promise<void> {
  const emails = await listAdministratorEmails(trx)
  await enqueueNotifications(
    trx,
    emails.map((recipient) => ({ kind, recipient, payload: { applicationId, reason }, at: now })),
  )
}
