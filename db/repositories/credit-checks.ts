import type { CreditCheckTable } from '../schema'
import type { Executor } from './types'

export async function insertCreditCheck(
  db: Executor,
  check: {
    applicationId: number
    checkedBy: number
    checkedAt: string
    source: CreditCheckTable['source']
    dishonest: boolean
    summary: string
  },
): Promise<number> {
  const row = await db
    .insertInto('credit_checks')
    .values({
      application_id: check.applicationId,
      checked_by: check.checkedBy,
      checked_at: check.checkedAt,
      source: check.source,
      dishonest: check.dishonest ? 1 : 0,
      summary: check.summary,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export function listCreditChecks(db: Executor, applicationId: number) {
  return db
    .selectFrom('credit_checks')
    .leftJoin('users', 'users.id', 'credit_checks.checked_by')
    .selectAll('credit_checks')
    .select('users.display_name as checker_name')
    .where('credit_checks.application_id', '=', applicationId)
    .orderBy('credit_checks.id')
    .execute()
}
