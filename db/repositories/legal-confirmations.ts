import type { Executor } from './types'

/** The application's legal representative's confirmation, replacing an earlier one (issue 22). */
export async function putLegalConfirmation(
  db: Executor,
  row: {
    applicationId: number
    representative: string
    letterAttachmentId: number
    confirmedVersion: number
    confirmedBy: number
    at: string
  },
): Promise<void> {
  const values = {
    representative: row.representative,
    letter_attachment_id: row.letterAttachmentId,
    confirmed_version: row.confirmedVersion,
    confirmed_by: row.confirmedBy,
    confirmed_at: row.at,
  }
  await db
    .insertInto('legal_confirmations')
    .values({ application_id: row.applicationId, ...values })
    .onConflict((oc) => oc.column('application_id').doUpdateSet(values))
    .execute()
}

/** The confirmation as last given, with the name of the account that gave it. */
export function getLegalConfirmation(db: Executor, applicationId: number) {
  return db
    .selectFrom('legal_confirmations')
    .leftJoin('users', 'users.id', 'legal_confirmations.confirmed_by')
    .select([
      'legal_confirmations.representative',
      'legal_confirmations.letter_attachment_id',
      'legal_confirmations.confirmed_version',
      'legal_confirmations.confirmed_at',
      'users.display_name as confirmed_by_name',
    ])
    .where('legal_confirmations.application_id', '=', applicationId)
    .executeTakeFirst()
}

/**
 * The evidence changed after the confirmation (a file added or taken back), which does not move the application's
 * version: the confirmation is left behind as if it had, by a version no application has (versions start at 1).
 */
export async function leaveLegalConfirmationBehind(db: Executor, applicationId: number): Promise<void> {
  await db
    .updateTable('legal_confirmations')
    .set({ confirmed_version: 0 })
    .where('application_id', '=', applicationId)
    .execute()
}

/** The newest signed letter uploaded for the application, if any. */
export function latestLegalLetter(db: Executor, applicationId: number) {
  return db
    .selectFrom('attachments')
    .select(['id', 'filename'])
    .where('application_id', '=', applicationId)
    .where('declaration_key', '=', 'legalLetter')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}
