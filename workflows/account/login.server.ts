import type { DB } from '#db/client.server'
import { findUserByEmail, hasPassword } from '#db/repositories/users'
import { dummyPasswordHash, verifyPassword } from '#workflows/account/password-hash.server'

export type LoginResult =
  | {
      ok: true
      userId: number
      role: 'applicant' | 'reviewer' | 'admin'
      /** The account has a second factor: the login needs its code before a session starts. */
      twoFactor: boolean
    }
  | { ok: false }

/**
 * Checks an e-mail and password. How often one may try is the route's concern (app/utils/rate-limits.server.ts):
 * per client address, per account from that address, and per account overall with a short window.
 */
export async function attemptLogin(db: DB, email: string, password: string): Promise<LoginResult> {
  const user = await findUserByEmail(db, email)
  // Verify against a dummy hash when the e-mail is unknown (or its owner has not set a password yet: an invited
  // expert), so timing does not reveal who has an account.
  const usable = user && hasPassword(user.password_hash) ? user.password_hash : undefined
  const valid = await verifyPassword(usable ?? (await dummyPasswordHash()), password)
  // A colleague the organisation's owner removed signs in no more, told no more than after a wrong password.
  if (!user || !usable || !valid || user.member_role === 'removed') return { ok: false }
  return { ok: true, userId: user.id, role: user.role, twoFactor: user.totp_secret !== null }
}
