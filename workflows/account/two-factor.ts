import crypto from 'node:crypto'
import { Secret, TOTP } from 'otpauth'

/**
 * Two-factor sign-in with an authenticator app (TOTP, RFC 6238: six digits, 30 s steps, SHA-1, as every
 * authenticator app reads it), and one-time recovery codes for a lost phone (issue 24).
 */
const period = 30
const issuer = 'SZ Mayor Quality Award'

function totpOf(secret: string, account = '') {
  return new TOTP({ issuer, label: account, algorithm: 'SHA1', digits: 6, period, secret: Secret.fromBase32(secret) })
}

/** A new secret: 160 random bits, as base32 (what the app's QR code and the key typed by hand carry). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secret: string, account: string): string {
  return totpOf(secret, account).toString()
}

/**
 * The time step whose code this is, allowing one step either side (a phone's clock a little off), or null for a
 * wrong code. Spaces typed inside the code are ignored. The caller takes the step as used, so a code works once.
 */
export function matchingStep(secret: string, code: string, nowMs: number): number | null {
  const token = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(token)) return null
  const delta = totpOf(secret).validate({ token, timestamp: nowMs, window: 1 })
  return delta === null ? null : Math.floor(nowMs / 1000 / period) + delta
}

/** The code an authenticator app shows at this moment (for tests, and for nothing else). */
export function codeAt(secret: string, nowMs: number): string {
  return totpOf(secret).generate({ timestamp: nowMs })
}

const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789'

/** Ten recovery codes of 12 characters (about 59 bits each), written in groups of four: `k7mq-3xpa-w9ce`. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const characters = Array.from(crypto.randomBytes(12), (byte) => recoveryAlphabet[byte % recoveryAlphabet.length])
    return [0, 4, 8].map((at) => characters.slice(at, at + 4).join('')).join('-')
  })
}

/** How a recovery code is stored and looked up: its SHA-256, after case, spaces and hyphens are set aside. */
export function recoveryCodeHash(code: string): string {
  const normalised = code
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
  return crypto.createHash('sha256').update(normalised).digest('hex')
}

/** Whether an account of this role must use a second factor, as the deployment's setting says. */
export type TwoFactorPolicy = 'off' | 'admin' | 'staff'

export function twoFactorRequired(role: 'applicant' | 'reviewer' | 'admin', policy: TwoFactorPolicy): boolean {
  return policy === 'staff' ? role !== 'applicant' : policy === 'admin' ? role === 'admin' : false
}
