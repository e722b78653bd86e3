import type { AccountEventTable } from '../schema'
import type { Executor } from './types'

export function findTwoFactor(db: Executor, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'totp_secret', 'totp_pending_secret', 'totp_enabled_at', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirst()
}

export async function setPendingSecret(db: Executor, userId: number, secret: string): Promise<void> {
  await db.updateTable('users').set({ totp_pending_secret: secret }).where('id', '=', userId).execute()
}

/** Turns the second factor on with the confirmed secret; false when it was already on (a second tab, say). */
export async function enableTotp(
  db: Executor,
  input: { userId: number; secret: string; step: number; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({
      totp_secret: input.secret,
      totp_pending_secret: null,
      totp_enabled_at: input.at,
      totp_last_step: input.step,
    })
    .where('id', '=', input.userId)
    .where('totp_secret', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function disableTotp(db: Executor, userId: number): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null })
    .where('id', '=', userId)
    .execute()
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
}

/** Takes a time step as used, if it is later than the last one used: false for a code used before (a replay). */
export async function takeStep(db: Executor, userId: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function replaceRecoveryCodes(db: Executor, userId: number, hashes: readonly string[]): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
  await db
    .insertInto('recovery_codes')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null })))
    .execute()
}

/** Uses a recovery code once: false for a code that is not the account's or was used already. */
export async function spendRecoveryCode(db: Executor, userId: number, hash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function countUnusedRecoveryCodes(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function insertLoginChallenge(
  db: Executor,
  challenge: { tokenHash: string; userId: number; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('login_challenges')
    .values({ token_hash: challenge.tokenHash, user_id: challenge.userId, expires_at: challenge.expiresAt })
    .execute()
}

export function findLoginChallenge(db: Executor, tokenHash: string) {
  return db
    .selectFrom('login_challenges')
    .innerJoin('users', 'users.id', 'login_challenges.user_id')
    .select(['login_challenges.user_id', 'login_challenges.expires_at', 'login_challenges.attempts', 'users.role'])
    .where('login_challenges.token_hash', '=', tokenHash)
    .executeTakeFirst()
}

export async function countChallengeAttempt(db: Executor, tokenHash: string): Promise<void> {
  await db
    .updateTable('login_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('token_hash', '=', tokenHash)
    .execute()
}

export async function deleteLoginChallenge(db: Executor, tokenHash: string): Promise<void> {
  await db.deleteFrom('login_challenges').where('token_hash', '=', tokenHash).execute()
}

export async function recordAccountEvent(
  db: Executor,
  event: { userId: number; at: string; event: AccountEventTable['event'] },
): Promise<void> {
  await db.insertInto('account_events').values({ user_id: event.userId, at: event.at, event: event.event }).execute()
}

export function listAccountEvents(db: Executor, userId: number, limit = 20) {
  return db
    .selectFrom('account_events')
    .select(['at', 'event'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}
