import type { DB } from '#db/client.server'
import { insertApplicationMessage } from '#db/repositories/application-messages'
import { loadApplicationForUpdate } from '#db/repositories/applications'
import { enqueueNotifications } from '#db/repositories/outbox'
import { nowIso } from '#db/repositories/types'
import { accountEmailsOf, listAdministratorEmails } from '#db/repositories/users'
import { fieldRefusal, forbidden, notFound } from '../errors'
import { type Actor, editsAsMember, isAdministrator, ownsApplication } from './application.policy'
import { mayAct } from '../account/duties'
import { assertNotArchived } from '../cycle/archive.server'

/** A message of the thread is a few paragraphs at most. */
const maxLength = 2000

/**
 * A message in the application's thread between the secretariat and the applicant (issue 24): the secretariat on any
 * application, the applicant on its own; the other side is told by e-mail and in the inbox, in the same transaction.
 */
export async function postToThread(
  db: DB,
  input: { applicationId: number; actor: Actor; body: string; now?: string },
): Promise<void> {
  const now = input.now ?? nowIso()
  const body = input.body.trim()
  if (body === '') throw fieldRefusal('body', 400, 'errors.required')
  if ([...body].length > maxLength) throw fieldRefusal('body', 400, 'errors.tooLong')
  await db.transaction().execute(async (trx) => {
    const application = await loadApplicationForUpdate(trx, input.applicationId)
    const secretariat = isAdministrator(input.actor)
    // Staff may read every thread; writing in one is the duty of the offices that deal with applicants.
    if (secretariat && !mayAct(input.actor, 'writeMessages')) throw forbidden()
    // A colleague who only reads (a viewer) does not write in the organisation's name.
    if (!secretariat && !editsAsMember(input.actor)) throw forbidden()
    // Another organisation's application does not exist, as far as this applicant can tell.
    if (
      !application ||
      (!secretariat && !ownsApplication(input.actor, { organisationId: application.organisation_id }))
    )
      throw notFound()
    // The cycle's archive is its record: once built, its threads are closed.
    await assertNotArchived(trx, application.cycle_id)
    await insertApplicationMessage(trx, {
      applicationId: application.id,
      authorUserId: input.actor.userId,
      body,
      at: now,
    })
    const recipients = secretariat
      ? await accountEmailsOf(trx, application.organisation_id)
      : await listAdministratorEmails(trx)
    const link = secretariat
      ? `/applicant/applications/${application.id}#thread`
      : `/admin/applications/${application.id}#thread`
    await enqueueNotifications(
      trx,
      recipients.map((recipient) => ({
        kind: 'message.THREAD',
        recipient,
        payload: { applicationId: application.id, reason: body, link },
        at: now,
      })),
    )
  })
}
