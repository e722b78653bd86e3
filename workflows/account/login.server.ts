import type { DB } from '#db/client.server'
import { clearFailures, countRecentFailures, recordFailure } from '#db/repositories/login-failures'
import { nowIso } from '#db/repositories/types'
import { findUserByEmail } from '#db/repositories/users'
import { dummyPasswordHash, verifyPassword } from '~/utils/password.server'

/** Five wrong passwords for one e-mail within 15 minutes lock that e-mail's logins until the window passes. */
export const maxFailures = 5
export const failureWindowMs = 15 * 60 * 1000

export type LoginResult =
  | { ok: true; userId: number; role: 'applicant' | 'reviewer' | 'admin' }
  | { ok: false; reason: 'badCredentials' | 'tooManyAttempts' }

export async function attemptLogin(db: DB, email: string, password: string, now = nowIso()): Promise<LoginResult> {
  const since = new Date(Date.parse(now) - failureWindowMs).toISOString()
  // Checked before the password, so a locked account cannot be probed further, rightly or wrongly.
  if ((await countRecentFailures(db, email, since)) >= maxFailures) return { ok: false, reason: 'tooManyAttempts' }
  const user = await findUserByEmail(db, email)
  // Verify against a dummy hash when the e-mail is unknown, so timing does not reveal who has an account.
  const valid = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password)
  if (!user || !valid) {
    await recordFailure(db, email, now)
    return { ok: false, reason: 'badCredentials' }
  }
  await clearFailures(db, email)
  return { ok: true, userId: user.id, role: user.role }
}
