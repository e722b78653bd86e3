import type { DB } from '#db/client.server'
import { tellSecretariat } from '../notifications/secretariat.server'
import { loadApplicationForUpdate } from '#db/repositories/applications'
import {
  countRecentObjectionsBy,
  findObjectionBySubmissionToken,
  getObjection,
  insertObjection,
  getObjectionEvidence,
  insertObjectionEvidence,
  resolveObjectionRow,
} from '#db/repositories/objections'
import type { AttachmentStore } from '#db/attachment-store.server'
import { checkedFile } from '../application/attachments'
import { getCycle } from '#db/repositories/cycles'
import { type Executor, nowIso } from '#db/repositories/types'
import { enqueueNotification } from '#db/repositories/outbox'
import { applyInTransaction } from '../application/application.server'
import { type Actor, isAdministrator, isOnPublicNotice } from '../application/application.policy'
import { mayAct } from '../account/duties'
import { isNoticeOver } from '../cycle/notice'
import { maxObjectionFiles, objectionReference } from './objection.rules'
import { forbidden, notFound, WorkflowError } from '../errors'

export const maxObjectionsPerDay = 5

/** The reference the objector is given, by the year of the cycle the objection was filed in. */
async function referenceOf(trx: Executor, cycleId: number, objectionId: number, now: string): Promise<string> {
  const cycle = await getCycle(trx, cycleId)
  return objectionReference(cycle?.year ?? Number(now.slice(0, 4)), objectionId)
}

export interface ObjectionInput {
  applicationId: number
  name: string
  organisation: string
  phone: string
  email: string
  content: string
  evidence: string
  /** Evidence files, as uploaded: checked by the same rules as an application's evidence. */
  files?: ReadonlyArray<{ filename: string; bytes: Uint8Array }>
  /** The token the form carried: the same form sent again returns the objection it filed, never a second one. */
  submissionToken?: string
  now?: string
}

/** Checks every file before anything is stored: one bad file refuses the objection, with the reason. */
function checkedFiles(files: ReadonlyArray<{ filename: string; bytes: Uint8Array }>) {
  if (files.length > maxObjectionFiles) throw new WorkflowError(400, 'errors.tooManyObjectionFiles')
  return files.map((file) => ({ ...file, ...checkedFile(file) }))
}

/**
 * Anyone may object to a proposed award while it is on public notice, in writing, under their name, with
 * evidence (the rules do not accept anonymous objections); after the notice period nothing more is accepted.
 */
export async function fileObjection(
  db: DB,
  input: ObjectionInput,
  store?: AttachmentStore,
): Promise<{ id: number; reference: string }> {
  const now = input.now ?? nowIso()
  const files = checkedFiles(input.files ?? [])
  if (files.length > 0 && !store) throw new Error('evidence files need a store')
  // Bytes first, rows second (as for application evidence): a failure in between leaves an unreferenced file only.
  const stored = await Promise.all(files.map(async (file) => ({ ...file, sha256: await store!.save(file.bytes) })))
  return db.transaction().execute(async (trx) => {
    const application = await loadApplicationForUpdate(trx, input.applicationId)
    if (!application || !isOnPublicNotice(application.status) || application.decision_level_id === null)
      throw notFound()
    if (isNoticeOver(application.notice_ends_at, now)) throw new WorkflowError(409, 'errors.noticeOver')
    // Sent twice (a double click, a retry): the first filing stands, and the objector gets its reference again.
    const earlier = input.submissionToken ? await findObjectionBySubmissionToken(trx, input.submissionToken) : undefined
    if (earlier && earlier.application_id === application.id)
      return { id: earlier.id, reference: await referenceOf(trx, application.cycle_id, earlier.id, now) }
    // The form is public: one objector may file a few objections a day, not flood the secretariat's inbox.
    const since = new Date(Date.parse(now) - 24 * 3600_000).toISOString()
    if ((await countRecentObjectionsBy(trx, input.email, since)) >= maxObjectionsPerDay)
      throw new WorkflowError(409, 'errors.tooManyObjections')
    // The secretariat hears of it at once: objections have to be resolved before the notice ends.
    await tellSecretariat(trx, 'objection.FILED', application.id, now)
    const id = await insertObjection(trx, {
      applicationId: application.id,
      name: input.name,
      organisation: input.organisation || null,
      phone: input.phone,
      email: input.email,
      content: input.content,
      evidence: input.evidence,
      filedAt: now,
      // A token already used for another application's objection (a form tampered with) is not kept twice.
      submissionToken: earlier ? null : (input.submissionToken ?? null),
    })
    for (const file of stored) {
      await insertObjectionEvidence(trx, {
        objectionId: id,
        filename: file.filename,
        contentType: file.contentType,
        size: file.bytes.byteLength,
        sha256: file.sha256,
        uploadedAt: now,
      })
    }
    const reference = await referenceOf(trx, application.cycle_id, id, now)
    // The objector gets the reference in writing, and later the outcome.
    await enqueueNotification(trx, {
      kind: 'objection.RECEIVED',
      recipient: input.email,
      payload: { applicationId: application.id, reason: reference },
      at: now,
    })
    return { id, reference }
  })
}

/**
 * The secretariat records how an objection was resolved. An upheld objection sends the application's
 * decision back to the committee (REOPEN_DECISION), in the same transaction.
 */
export async function resolveObjection(
  db: DB,
  input: {
    applicationId: number
    objectionId: number
    actor: Actor
    outcome: 'upheld' | 'dismissed'
    resolution: string
    now?: string
  },
): Promise<void> {
  if (!mayAct(input.actor, 'runNotice')) throw forbidden()
  const now = input.now ?? nowIso()
  const resolution = input.resolution.trim()
  if (!resolution) throw new WorkflowError(400, 'errors.required')
  await db.transaction().execute(async (trx) => {
    const objection = await getObjection(trx, input.objectionId)
    // Resolved on the page of the application it was filed against, never through another one's.
    if (!objection || objection.application_id !== input.applicationId) throw notFound()
    const written = await resolveObjectionRow(trx, objection.id, {
      status: input.outcome,
      resolution,
      resolvedBy: input.actor.userId,
      resolvedAt: now,
    })
    if (!written) throw new WorkflowError(409, 'errors.objectionResolved')
    const application = await loadApplicationForUpdate(trx, objection.application_id)
    if (!application) throw notFound()
    const reference = await referenceOf(trx, application.cycle_id, objection.id, now)
    await enqueueNotification(trx, {
      kind: input.outcome === 'upheld' ? 'objection.UPHELD' : 'objection.DISMISSED',
      recipient: objection.objector_email,
      payload: { applicationId: objection.application_id, reason: `${reference}: ${resolution}` },
      at: now,
    })
    if (input.outcome === 'upheld') {
      await applyInTransaction(trx, {
        applicationId: application.id,
        actor: input.actor,
        event: { type: 'REOPEN_DECISION', reason: resolution },
        expectedVersion: application.version,
        changes: { notice_ends_at: null },
        now,
      })
    }
  })
}

/** An objection's evidence file, for the secretariat only (the objector's evidence is not public). */
export async function openObjectionEvidence(
  db: DB,
  store: AttachmentStore,
  input: { evidenceId: number; actor: Actor },
) {
  if (!isAdministrator(input.actor)) throw notFound()
  const file = await getObjectionEvidence(db, input.evidenceId)
  if (!file) throw notFound()
  return { file, bytes: await store.read(file.sha256) }
}
