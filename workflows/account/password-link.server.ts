import type { DB } from '#db/client.server'
import { enqueueNotification } from '#db/repositories/outbox'
import {
  findPasswordToken,
  insertPasswordToken,
  retireOpenTokens,
  usePasswordToken,
} from '#db/repositories/password-tokens'
import { deleteOtherSessions } from '#db/repositories/sessions'
import { type Executor, nowIso } from '#db/repositories/types'
import { findUserByEmail, setPasswordHash } from '#db/repositories/users'
import { hashPassword } from '#workflows/account/password-hash.server'
import { WorkflowError } from '../errors'
import { linkTokenHash, mayBeLinkToken, newLinkToken } from './link-token'

/**
 * Passwords are set by their owner only, through a single-use link sent by e-mail: an invited expert sets a first
 * password (the link lasts 7 days), anyone who forgot theirs asks for a reset (1 hour). Only the token's hash is
 * stored; the link itself is in the e-mail (and in the outbox until it is sent).
 */
export const linkLifetimeMs = { invitation: 7 * 24 * 3600_000, reset: 3600_000 } as const

export type LinkPurpose = keyof typeof linkLifetimeMs

/** Issues a link for a user, in the caller's transaction, and queues the e-mail that carries it. */
export async function issuePasswordLink(
  trx: Executor,
  input: { userId: number; email: string; purpose: LinkPurpose; now: string },
): Promise<string> {
  const token = newLinkToken()
  await retireOpenTokens(trx, input.userId, input.purpose, input.now)
  await insertPasswordToken(trx, {
    hash: linkTokenHash(token),
    userId: input.userId,
    purpose: input.purpose,
    createdAt: input.now,
    expiresAt: new Date(Date.parse(input.now) + linkLifetimeMs[input.purpose]).toISOString(),
  })
  await enqueueNotification(trx, {
    kind: input.purpose === 'invitation' ? 'account.INVITED' : 'account.RESET',
    recipient: input.email,
    payload: { applicationId: 0, reason: null, token },
    at: input.now,
  })
  return token
}

/** Whether a link can still be used: known, unused and not expired (nothing else is said about it). */
export async function checkPasswordLink(db: Executor, token: string, now = nowIso()) {
  if (!mayBeLinkToken(token)) return null
  const row = await findPasswordToken(db, linkTokenHash(token))
  if (!row || row.used_at !== null || row.expires_at <= now) return null
  return { userId: row.user_id, purpose: row.purpose }
}

/**
 * Sets the password through a link: once only (a second use is refused even a moment later), and every session
 * of the user ends, so whoever might have known the old password is out.
 */
export async function setPasswordByLink(
  db: DB,
  input: { token: string; password: string; now?: string },
): Promise<{ userId: number }> {
  const now = input.now ?? nowIso()
  const link = await checkPasswordLink(db, input.token, now)
  if (!link) throw new WorkflowError(410, 'password.linkInvalid')
  const passwordHash = await hashPassword(input.password)
  return db.transaction().execute(async (trx) => {
    if (!(await usePasswordToken(trx, linkTokenHash(input.token), now)))
      throw new WorkflowError(410, 'password.linkInvalid')
    await setPasswordHash(trx, link.userId, passwordHash)
    await deleteOtherSessions(trx, link.userId, null)
    return { userId: link.userId }
  })
}

/** A reset asked for by e-mail address: a link if the address has an account; the same answer either way. */
export async function requestPasswordReset(db: DB, input: { email: string; now?: string }): Promise<void> {
  const now = input.now ?? nowIso()
  await db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, input.email)
    if (user) await issuePasswordLink(trx, { userId: user.id, email: user.email, purpose: 'reset', now })
  })
}
