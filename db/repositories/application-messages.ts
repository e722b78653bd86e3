import type { Executor } from './types'

export async function insertApplicationMessage(
  db: Executor,
  message: { applicationId: number; authorUserId: number; body: string; at: string },
): Promise<void> {
  await db
    .insertInto('application_messages')
    .values({
      application_id: message.applicationId,
      author_user_id: message.authorUserId,
      body: message.body,
      created_at: message.at,
    })
    .execute()
}

/** An application's thread, oldest first, each message with its author's name and role. */
export function listApplicationMessages(db: Executor, applicationId: number) {
  return db
    .selectFrom('application_messages')
    .innerJoin('users', 'users.id', 'application_messages.author_user_id')
    .select([
      'application_messages.id',
      'application_messages.body',
      'application_messages.created_at',
      'users.display_name',
      'users.role',
    ])
    .where('application_messages.application_id', '=', applicationId)
    .orderBy('application_messages.id')
    .execute()
}
