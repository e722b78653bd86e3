import type { PasswordTokenTable } from '../schema'
import type { Executor } from './types'

export async function insertPasswordToken(
  db: Executor,
  token: { hash: string; userId: number; purpose: PasswordTokenTable['purpose']; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('password_tokens')
    .values({
      token_hash: token.hash,
      user_id: token.userId,
      purpose: token.purpose,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
      used_at: null,
    })
    .execute()
}

export function findPasswordToken(db: Executor, hash: string) {
  return db.selectFrom('password_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst()
}

/** Marks a token used, only if it still was not: two clicks on one link set the password once. */
export async function usePasswordToken(db: Executor, hash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('password_tokens')
    .set({ used_at: at })
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/** A new link replaces the user's earlier unused ones of the same purpose. */
export async function retireOpenTokens(
  db: Executor,
  userId: number,
  purpose: PasswordTokenTable['purpose'],
  at: string,
): Promise<void> {
  await db
    .updateTable('password_tokens')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute()
}
