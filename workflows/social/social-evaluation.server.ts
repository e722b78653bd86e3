import type { DB } from '#db/client.server'
import { loadApplicationForUpdate } from '#db/repositories/applications'
import { appendActOnApplication } from '#db/repositories/audit'
import { getCycle } from '#db/repositories/cycles'
import { putSocialAnswer } from '#db/repositories/social'
import { nowIso } from '#db/repositories/types'
import { mayAct } from '../account/duties'
import type { Actor } from '../application/application.policy'
import { underDeliberation } from '../committee/committee.server'
import { fieldRefusal, forbidden, notAllowedNow, notFound } from '../errors'
import { isSocialDepartment } from './departments'
import type { AttachmentStore } from '#db/attachment-store.server'
import type { AttachmentType } from '#db/schema'
import { listSocialAnswers } from '#db/repositories/social'
import { checkedFile } from '../application/attachments'

const limit = 1000

/**
 * Records a department's answer on a candidate (社会评价, issue 22), as the review agency enters it from the
 * department's letter: no adverse record, or an adverse record, which needs a note saying what it is. Only while
 * the candidate is before the committee (after the site visit, or after document review in a cycle without a
 * shortlist, until the public notice); on the application's record.
 */
export async function recordSocialAnswer(
  db: DB,
  input: {
    actor: Actor
    applicationId: number
    department: string
    answer: string
    note: string
    letterRef: string
    /** The department's letter (PDF or image); may be left out only when the answer being replaced has one. */
    letter: { filename: string; bytes: Uint8Array } | null
    now?: string
  },
  store: AttachmentStore,
): Promise<void> {
  if (!mayAct(input.actor, 'socialEvaluation')) throw forbidden()
  if (!isSocialDepartment(input.department)) throw fieldRefusal('department', 400, 'errors.choose')
  if (input.answer !== 'clear' && input.answer !== 'adverse') throw fieldRefusal('answer', 400, 'errors.choose')
  const note = input.note.trim()
  const letterRef = input.letterRef.trim()
  if (input.answer === 'adverse' && note === '') throw fieldRefusal('note', 400, 'social.adverseNeedsNote')
  if ([...note].length > limit || [...letterRef].length > 100) throw fieldRefusal('note', 400, 'errors.tooLong')
  const letter = input.letter && input.letter.bytes.byteLength > 0 ? input.letter : null
  let file: { sha256: string; filename: string; contentType: AttachmentType; size: number } | null = null
  if (letter) {
    const checked = checkedFile(letter, 'file')
    // Bytes first, row second: a crash in between leaves an unreferenced file, never an answer without its letter.
    file = { sha256: await store.save(letter.bytes), ...checked }
  }
  const now = input.now ?? nowIso()
  await db.transaction().execute(async (trx) => {
    const row = await loadApplicationForUpdate(trx, input.applicationId)
    if (!row) throw notFound()
    const cycle = await getCycle(trx, row.cycle_id)
    if (!cycle || !underDeliberation(row.status, cycle)) throw notAllowedNow('SOCIAL_EVALUATION', row.status)
    // The agency enters an answer from the department's letter, which is kept with it.
    const earlier = (await listSocialAnswers(trx, [row.id])).find((a) => a.department === input.department)
    const kept = file ?? (earlier?.letter_sha256 ? letterOf(earlier) : null)
    if (!kept) throw fieldRefusal('file', 400, 'social.letterRequired')
    await putSocialAnswer(trx, {
      letter: kept,
      applicationId: row.id,
      department: input.department,
      answer: input.answer as 'clear' | 'adverse',
      note,
      letterRef,
      recordedBy: input.actor.userId,
      at: now,
    })
    await appendActOnApplication(trx, {
      applicationId: row.id,
      status: row.status,
      actorUserId: input.actor.userId,
      event: 'SOCIAL_EVALUATION',
      reason: `${input.department}: ${input.answer}${note ? ` · ${note}` : ''}`,
      at: now,
    })
  })
}

/** The letter an earlier answer was entered with, kept when the answer is corrected without a new file. */
function letterOf(answer: {
  letter_sha256: string | null
  letter_filename: string | null
  letter_content_type: AttachmentType | null
  letter_size: number | null
}) {
  return {
    sha256: answer.letter_sha256!,
    filename: answer.letter_filename ?? 'letter',
    contentType: answer.letter_content_type ?? 'application/pdf',
    size: answer.letter_size ?? 0,
  }
}
