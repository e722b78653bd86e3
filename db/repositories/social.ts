import type { AttachmentType, SocialAnswerTable } from '../schema'
import type { Executor } from './types'

/** A department's answer on a candidate, replacing an earlier one of the same department. */
export async function putSocialAnswer(
  db: Executor,
  row: {
    applicationId: number
    department: string
    answer: SocialAnswerTable['answer']
    note: string
    letterRef: string
    recordedBy: number
    at: string
    letter: { sha256: string; filename: string; contentType: AttachmentType; size: number }
  },
): Promise<void> {
  const values = {
    answer: row.answer,
    note: row.note,
    letter_ref: row.letterRef,
    recorded_by: row.recordedBy,
    recorded_at: row.at,
    letter_sha256: row.letter.sha256,
    letter_filename: row.letter.filename,
    letter_content_type: row.letter.contentType,
    letter_size: row.letter.size,
  }
  await db
    .insertInto('social_answers')
    .values({ application_id: row.applicationId, department: row.department, ...values })
    .onConflict((oc) => oc.columns(['application_id', 'department']).doUpdateSet(values))
    .execute()
}

export function listSocialAnswers(db: Executor, applicationIds: readonly number[]) {
  if (applicationIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('social_answers')
    .leftJoin('users', 'users.id', 'social_answers.recorded_by')
    .select([
      'social_answers.application_id',
      'social_answers.department',
      'social_answers.answer',
      'social_answers.note',
      'social_answers.letter_ref',
      'social_answers.recorded_at',
      'social_answers.letter_sha256',
      'social_answers.letter_filename',
      'social_answers.letter_content_type',
      'social_answers.letter_size',
      'users.display_name as recorded_by_name',
    ])
    .where('social_answers.application_id', 'in', applicationIds)
    .execute()
}

/** One answer's letter, for its download. */
export function getSocialLetter(db: Executor, applicationId: number, department: string) {
  return db
    .selectFrom('social_answers')
    .select(['letter_sha256', 'letter_filename', 'letter_content_type', 'letter_size'])
    .where('application_id', '=', applicationId)
    .where('department', '=', department)
    .where('letter_sha256', 'is not', null)
    .executeTakeFirst()
}

/**
 * The cycles whose social evaluation has a due date and is not over (not published, not archived), with how many
 * departments' answers are still outstanding for their candidates before the committee (each candidate owes one per
 * department).
 */
export async function socialOutstanding(db: Executor, departments: number) {
  const rows = await db
    .selectFrom('cycles')
    .innerJoin('applications', 'applications.cycle_id', 'cycles.id')
    .leftJoin('social_answers', 'social_answers.application_id', 'applications.id')
    .select((eb) => [
      'cycles.id as cycleId',
      'cycles.social_due_date as dueDate',
      'cycles.reminder_days_before as reminderDaysBefore',
      eb.fn.count<number>('applications.id').distinct().as('candidates'),
      eb.fn.count<number>('social_answers.department').as('answered'),
    ])
    .where('cycles.social_due_date', 'is not', null)
    .where('cycles.results_published_at', 'is', null)
    .where('cycles.archived_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('applications.status', 'in', ['siteVisitScored', 'decided']),
        eb.and([eb('applications.status', '=', 'scored'), eb('cycles.shortlist_size', 'is', null)]),
      ]),
    )
    .groupBy(['cycles.id', 'cycles.social_due_date', 'cycles.reminder_days_before'])
    .execute()
  return rows.map((row) => ({
    cycleId: row.cycleId,
    dueDate: row.dueDate!,
    reminderDaysBefore: row.reminderDaysBefore,
    outstanding: Number(row.candidates) * departments - Number(row.answered),
  }))
}

/** Claims a cycle's social-evaluation reminder of this kind; false when it was sent already. */
export async function claimSocialReminder(
  db: Executor,
  cycleId: number,
  kind: 'beforeDue' | 'overdue',
  at: string,
): Promise<boolean> {
  const claimed = await db
    .insertInto('social_reminders')
    .values({ cycle_id: cycleId, kind, claimed_at: at })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst()
  return claimed.numInsertedOrUpdatedRows === 1n
}
