import type { DB } from '#db/client.server'
import { loadApplicationForUpdate } from '#db/repositories/applications'
import { appendAudit } from '#db/repositories/audit'
import { getCycle } from '#db/repositories/cycles'
import { putSocialAnswer } from '#db/repositories/social'
import { nowIso } from '#db/repositories/types'
import { mayAct } from '../account/duties'
import type { Actor } from '../application/application.policy'
import { underDeliberation } from '../committee/committee.server'
import { fieldRefusal, forbidden, notAllowedNow, notFound } from '../errors'
import { isSocialDepartment } from './departments'

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
    now?: string
  },
): Promise<void> {
  if (!mayAct(input.actor, 'socialEvaluation')) throw forbidden()
  if (!isSocialDepartment(input.department)) throw fieldRefusal('department', 400, 'errors.choose')
  if (input.answer !== 'clear' && input.answer !== 'adverse') throw fieldRefusal('answer', 400, 'errors.choose')
  const note = input.note.trim()
  const letterRef = input.letterRef.trim()
  if (input.answer === 'adverse' && note === '') throw fieldRefusal('note', 400, 'social.adverseNeedsNote')
  if ([...note].length > limit || [...letterRef].length > 100) throw fieldRefusal('note', 400, 'errors.tooLong')
  const now = input.now ?? nowIso()
  await db.transaction().execute(async (trx) => {
    const row = await loadApplicationForUpdate(trx, input.applicationId)
    if (!row) throw notFound()
    const cycle = await getCycle(trx, row.cycle_id)
    if (!cycle || !underDeliberation(row.status, cycle)) throw notAllowedNow('SOCIAL_EVALUATION', row.status)
    await putSocialAnswer(trx, {
      applicationId: row.id,
      department: input.department,
      answer: input.answer as 'clear' | 'adverse',
      note,
      letterRef,
      recordedBy: input.actor.userId,
      at: now,
    })
    await appendAudit(trx, {
      entity: 'application',
      entityId: row.id,
      actorUserId: input.actor.userId,
      at: now,
      fromState: row.status,
      toState: row.status,
      event: 'SOCIAL_EVALUATION',
      reason: `${input.department}: ${input.answer}${note ? ` · ${note}` : ''}`,
    })
  })
}
