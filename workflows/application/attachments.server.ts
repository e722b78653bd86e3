import type { DB } from '#db/client.server'
import { loadApplicationForUpdate } from '#db/repositories/applications'
import { countAttachments, deleteAttachment, getAttachment, insertAttachment } from '#db/repositories/attachments'
import { findAssignment } from '#db/repositories/review'
import { leaveLegalConfirmationBehind } from '#db/repositories/legal-confirmations'
import { opensApplication } from '../review/assignment.machine'
import { nowIso } from '#db/repositories/types'
import type { AttachmentStore } from '#db/attachment-store.server'
import { declarationKeys } from '#workflows/application/application.schema'
import { forbidden, notAllowedNow, notFound, WorkflowError } from '../errors'
import { type Actor, mayReadApplication } from './application.policy'
import { loadOwnApplicationToEdit } from './application.server'
import { mayBeEdited } from './application.queries'
import { legalLetterKey } from './legal-confirmation'
import { checkedFile, maxAttachmentsPerApplication } from './attachments'

/** Adds evidence to the applicant's own application while it can be edited (draft, or returned for correction). */
export async function addAttachment(
  db: DB,
  store: AttachmentStore,
  input: {
    applicationId: number
    actor: Actor
    declarationKey: string | null
    filename: string
    bytes: Uint8Array
    now?: string
  },
): Promise<number> {
  const application = await loadOwnApplicationToEdit(db, input.actor, input.applicationId)
  if (!mayBeEdited(application.status)) throw notAllowedNow('ATTACH', application.status)
  if (
    input.declarationKey !== null &&
    input.declarationKey !== legalLetterKey &&
    !declarationKeys.includes(input.declarationKey as never)
  )
    throw new WorkflowError(400, 'errors.choose')
  const { filename, contentType, size } = checkedFile(input)
  if ((await countAttachments(db, application.id)) >= maxAttachmentsPerApplication)
    throw new WorkflowError(409, 'errors.tooManyFiles')
  // Bytes first, row second: a crash in between leaves an unreferenced file, never a row without its file.
  const sha256 = await store.save(input.bytes)
  return db.transaction().execute(async (trx) => {
    // The legal representative confirmed the evidence as it was: with a file more, they confirm again.
    await leaveLegalConfirmationBehind(trx, application.id)
    return insertAttachment(trx, {
      applicationId: application.id,
      declarationKey: input.declarationKey,
      filename,
      contentType,
      size,
      sha256,
      uploadedBy: input.actor.userId,
      uploadedAt: input.now ?? nowIso(),
    })
  })
}

/** The applicant may take evidence back only while it may still edit the application. */
export async function removeAttachment(db: DB, input: { attachmentId: number; actor: Actor }): Promise<number> {
  // A posted id that is no integer (1.5, 1e400) names no attachment; PostgreSQL would refuse it as a bigint.
  const attachment = Number.isSafeInteger(input.attachmentId) ? await getAttachment(db, input.attachmentId) : undefined
  if (!attachment) throw notFound()
  const application = await loadOwnApplicationToEdit(db, input.actor, attachment.application_id)
  if (!mayBeEdited(application.status)) throw notAllowedNow('DETACH', application.status)
  await db.transaction().execute(async (trx) => {
    // As with a file added: the confirmation was given on the evidence with this file.
    await leaveLegalConfirmationBehind(trx, application.id)
    await deleteAttachment(trx, attachment.id)
  })
  return application.id
}

/** Whoever may read the application may read its evidence: its organisation, its reviewers, the secretariat. */
export async function openAttachment(db: DB, store: AttachmentStore, input: { attachmentId: number; actor: Actor }) {
  const attachment = await getAttachment(db, input.attachmentId)
  if (!attachment) throw notFound()
  const application = await loadApplicationForUpdate(db, attachment.application_id)
  if (!application) throw notFound()
  // A drawn expert opens the evidence only after declaring no conflict of interest.
  const assignment =
    input.actor.role === 'reviewer' ? await findAssignment(db, application.id, input.actor.userId) : undefined
  const assigned = assignment !== undefined && opensApplication(assignment.status)
  if (!mayReadApplication(input.actor, { organisationId: application.organisation_id }, assigned)) {
    throw input.actor.role === 'admin' ? forbidden() : notFound()
  }
  return { attachment, bytes: await store.read(attachment.sha256) }
}
