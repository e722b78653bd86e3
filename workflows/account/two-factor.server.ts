import type { DB } from '#db/client.server'
import {
  countChallengeAttempt,
  deleteLoginChallenge,
  disableTotp,
  enableTotp,
  findLoginChallenge,
  findTwoFactor,
  insertLoginChallenge,
  recordAccountEvent,
  replaceRecoveryCodes,
  setPendingSecret,
  takeStep,
  spendRecoveryCode,
} from '#db/repositories/two-factor'
import type { Executor } from '#db/repositories/types'
import { notFound, WorkflowError } from '../errors'
import { linkTokenHash, newLinkToken } from './link-token'
import {
  matchingStep,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  totpUri,
  twoFactorRequired,
  type TwoFactorPolicy,
} from './two-factor'

/** The second step of a login lasts five minutes and allows five codes; then the password is asked again. */
const challengeMs = 5 * 60 * 1000
const challengeAttempts = 5

async function account(db: Executor, userId: number) {
  const found = await findTwoFactor(db, userId)
  if (!found) throw notFound()
  return found
}

/** The secret to enrol with (kept until confirmed, so a reload shows the same QR code) and its otpauth address. */
export async function startEnrolment(db: DB, userId: number): Promise<{ secret: string; uri: string }> {
  const user = await account(db, userId)
  if (user.totp_secret) throw new WorkflowError(409, 'errors.twoFactorAlreadyOn')
  const secret = user.totp_pending_secret ?? newTotpSecret()
  if (!user.totp_pending_secret) await setPendingSecret(db, userId, secret)
  return { secret, uri: totpUri(secret, user.email) }
}

async function madeRecoveryCodes(trx: Executor, userId: number, at: string): Promise<string[]> {
  const codes = newRecoveryCodes()
  await replaceRecoveryCodes(trx, userId, codes.map(recoveryCodeHash))
  await recordAccountEvent(trx, { userId, at, event: 'recoveryCodesMade' })
  return codes
}

/**
 * Turns the second factor on once the app shows a right code for the secret shown; returns the recovery codes,
 * which are shown once and kept only as hashes.
 */
export async function confirmEnrolment(
  db: DB,
  input: { userId: number; code: string; now?: Date },
): Promise<{ recoveryCodes: string[] }> {
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx) => {
    const user = await account(trx, input.userId)
    if (user.totp_secret) throw new WorkflowError(409, 'errors.twoFactorAlreadyOn')
    if (!user.totp_pending_secret) throw new WorkflowError(409, 'errors.notAllowedNow')
    const step = matchingStep(user.totp_pending_secret, input.code, now.getTime())
    if (step === null) throw new WorkflowError(400, 'errors.codeWrong', undefined, {}, 'code')
    const at = now.toISOString()
    if (!(await enableTotp(trx, { userId: input.userId, secret: user.totp_pending_secret, step, at })))
      throw new WorkflowError(409, 'errors.twoFactorAlreadyOn')
    await recordAccountEvent(trx, { userId: input.userId, at, event: 'twoFactorOn' })
    return { recoveryCodes: await madeRecoveryCodes(trx, input.userId, at) }
  })
}

/**
 * Whether this is a right second factor of the account now, using it up: an app's code (its time step taken, so
 * the same code cannot be used again) or an unused recovery code (marked used).
 */
async function spendSecondFactor(trx: Executor, userId: number, code: string, now: Date): Promise<boolean> {
  const user = await account(trx, userId)
  if (!user.totp_secret) return false
  const step = matchingStep(user.totp_secret, code, now.getTime())
  if (step !== null) return takeStep(trx, userId, step)
  if (await spendRecoveryCode(trx, userId, recoveryCodeHash(code), now.toISOString())) {
    await recordAccountEvent(trx, { userId, at: now.toISOString(), event: 'recoveryCodeUsed' })
    return true
  }
  return false
}

/** New recovery codes (the old ones stop working), on a right code from the app or a recovery code. */
export async function remakeRecoveryCodes(
  db: DB,
  input: { userId: number; code: string; now?: Date },
): Promise<{ recoveryCodes: string[] }> {
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx) => {
    if (!(await spendSecondFactor(trx, input.userId, input.code, now)))
      throw new WorkflowError(400, 'errors.codeWrong', undefined, {}, 'code')
    return { recoveryCodes: await madeRecoveryCodes(trx, input.userId, now.toISOString()) }
  })
}

/** Turns the second factor off, on a right code; refused where the deployment requires it for the account's role. */
export async function turnOffTwoFactor(
  db: DB,
  input: { userId: number; code: string; policy: TwoFactorPolicy; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date()
  await db.transaction().execute(async (trx) => {
    const user = await account(trx, input.userId)
    if (twoFactorRequired(user.role, input.policy)) throw new WorkflowError(409, 'errors.twoFactorRequired')
    if (!(await spendSecondFactor(trx, input.userId, input.code, now)))
      throw new WorkflowError(400, 'errors.codeWrong', undefined, {}, 'code')
    await disableTotp(trx, input.userId)
    await recordAccountEvent(trx, { userId: input.userId, at: now.toISOString(), event: 'twoFactorOff' })
  })
}

/** After a right password, for an account with a second factor: the token of the login's second step. */
export async function beginLoginChallenge(db: DB, userId: number, now = new Date()): Promise<string> {
  const token = newLinkToken()
  await insertLoginChallenge(db, {
    tokenHash: linkTokenHash(token),
    userId,
    expiresAt: new Date(now.getTime() + challengeMs).toISOString(),
  })
  return token
}

/** Whether a login's second step is still open (the page asks for the code only then). */
export async function loginChallengeOpen(db: DB, token: string, now = new Date()): Promise<boolean> {
  const challenge = await findLoginChallenge(db, linkTokenHash(token))
  return challenge !== undefined && challenge.expires_at > now.toISOString() && challenge.attempts < challengeAttempts
}

/**
 * The second step of a login: the account's user when the code is right (the challenge is then spent); a wrong
 * code counts, and the fifth, or an expired step, sends the user back to the password.
 */
export async function completeLoginChallenge(
  db: DB,
  input: { token: string; code: string; now?: Date },
): Promise<{ userId: number; role: 'applicant' | 'reviewer' | 'admin' }> {
  const now = input.now ?? new Date()
  const hash = linkTokenHash(input.token)
  const outcome = await db.transaction().execute(async (trx) => {
    const challenge = await findLoginChallenge(trx, hash)
    if (!challenge || challenge.expires_at <= now.toISOString() || challenge.attempts >= challengeAttempts) {
      if (challenge) await deleteLoginChallenge(trx, hash)
      return { expired: true as const }
    }
    if (await spendSecondFactor(trx, challenge.user_id, input.code, now)) {
      await deleteLoginChallenge(trx, hash)
      return { userId: challenge.user_id, role: challenge.role }
    }
    await countChallengeAttempt(trx, hash)
    return { wrong: true as const }
  })
  // The wrong attempt is counted (committed) before the refusal is thrown.
  if ('expired' in outcome) throw new WorkflowError(410, 'errors.loginStepExpired')
  if ('wrong' in outcome) throw new WorkflowError(400, 'errors.codeWrong', undefined, {}, 'code')
  return outcome
}
