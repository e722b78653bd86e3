import type { DB } from '#db/client.server'
import { loadApplicationForUpdate } from '#db/repositories/applications'
import { appendActOnApplication } from '#db/repositories/audit'
import { findPanelMember, getDefence, recordPresentation } from '#db/repositories/stages'
import { nowIso } from '#db/repositories/types'
import type { AttachmentStore } from '#db/attachment-store.server'
import { cleanFilename, maxAttachmentBytes, sniffAttachmentType } from '../application/attachments'
import { loadOwnApplication } from '../application/application.server'
import type { Actor } from '../application/application.policy'
import { fieldRefusal, notAllowedNow, notFound, WorkflowError } from '../errors'

/**
 * The applicant's defence presentation: a PDF (read from its first bytes, not its name), 10 MB at most, uploaded
 * while the defence is scheduled; a new one replaces the last. On the history.
 */
export async function uploadPresentation(
  db: DB,
  store: AttachmentStore,
  input: { applicationId: number; actor: Actor; filename: string; bytes: Uint8Array; now?: string },
): Promise<void> {
  const now = input.now ?? nowIso()
  const application = await loadOwnApplication(db, input.actor, input.applicationId)
  if (application.status !== 'defenceScheduled') throw notAllowedNow('UPLOAD_PRESENTATION', application.status)
  if (input.bytes.byteLength === 0) throw fieldRefusal('file', 400, 'errors.required')
  if (input.bytes.byteLength > maxAttachmentBytes)
    throw new WorkflowError(413, 'errors.fileTooLarge', undefined, {}, 'file')
  if (sniffAttachmentType(input.bytes) !== 'application/pdf') throw fieldRefusal('file', 400, 'errors.presentationPdf')
  // Bytes first, row second: a crash in between leaves an unreferenced file, never a row without its file.
  const sha256 = await store.save(input.bytes)
  const filename = cleanFilename(input.filename)
  await db.transaction().execute(async (trx) => {
    const row = (await loadApplicationForUpdate(trx, application.id))!
    if (row.status !== 'defenceScheduled') throw notAllowedNow('UPLOAD_PRESENTATION', row.status)
    await recordPresentation(trx, row.id, { filename, sha256, size: input.bytes.byteLength, at: now })
    await appendActOnApplication(trx, {
      applicationId: row.id,
      status: row.status,
      actorUserId: input.actor.userId,
      event: 'UPLOAD_PRESENTATION',
      reason: filename,
      at: now,
    })
  })
}

/**
 * The presentation for its applicant, the secretariat and the defence panel (a member once they have declared no
 * conflict); for anyone else it does not exist.
 */
export async function openPresentation(db: DB, store: AttachmentStore, input: { applicationId: number; actor: Actor }) {
  const application = await loadApplicationForUpdate(db, input.applicationId)
  if (!application) throw notFound()
  const mayRead =
    input.actor.role === 'admin' ||
    (input.actor.role === 'applicant' && input.actor.organisationId === application.organisation_id) ||
    (input.actor.role === 'reviewer' &&
      Boolean((await findPanelMember(db, 'defence', application.id, input.actor.userId))?.declared_at))
  if (!mayRead) throw notFound()
  const defence = await getDefence(db, application.id)
  if (!defence?.presentation_sha256) throw new WorkflowError(404, 'errors.notFound')
  return {
    filename: defence.presentation_filename ?? 'presentation.pdf',
    bytes: await store.read(defence.presentation_sha256),
  }
}
