import type { SocialAnswerTable } from '../schema'
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
  },
): Promise<void> {
  const values = {
    answer: row.answer,
    note: row.note,
    letter_ref: row.letterRef,
    recorded_by: row.recordedBy,
    recorded_at: row.at,
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
      'users.display_name as recorded_by_name',
    ])
    .where('social_answers.application_id', 'in', applicationIds)
    .execute()
}
