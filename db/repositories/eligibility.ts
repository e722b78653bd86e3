import type { Executor } from './types'

export function listEligibilityConfirmations(db: Executor, applicationId: number) {
  return db
    .selectFrom('eligibility_confirmations')
    .leftJoin('users', 'users.id', 'eligibility_confirmations.confirmed_by')
    .select([
      'eligibility_confirmations.condition_key',
      'eligibility_confirmations.met',
      'eligibility_confirmations.note',
      'eligibility_confirmations.confirmed_at',
      'users.display_name as confirmer_name',
    ])
    .where('eligibility_confirmations.application_id', '=', applicationId)
    .execute()
}

export async function saveEligibilityConfirmation(
  db: Executor,
  row: {
    applicationId: number
    conditionKey: string
    met: boolean
    note: string | null
    confirmedBy: number
    confirmedAt: string
  },
): Promise<void> {
  const values = { met: row.met ? 1 : 0, note: row.note, confirmed_by: row.confirmedBy, confirmed_at: row.confirmedAt }
  await db
    .insertInto('eligibility_confirmations')
    .values({ application_id: row.applicationId, condition_key: row.conditionKey, ...values })
    .onConflict((oc) => oc.columns(['application_id', 'condition_key']).doUpdateSet(values))
    .execute()
}
