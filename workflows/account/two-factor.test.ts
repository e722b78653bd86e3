import { describe, expect, it } from 'vitest'
import {
  codeAt,
  matchingStep,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  totpUri,
  twoFactorRequired,
} from './two-factor'

describe('two-step sign-in codes', () => {
  const secret = newTotpSecret()
  const now = Date.UTC(2026, 11, 2, 12, 0, 10)
  const step = Math.floor(now / 30_000)

  it('accepts the code of this 30-second step and of the steps either side, and names the step it belongs to', () => {
    expect(matchingStep(secret, codeAt(secret, now), now)).toBe(step)
    expect(matchingStep(secret, codeAt(secret, now - 30_000), now)).toBe(step - 1)
    expect(matchingStep(secret, codeAt(secret, now + 30_000), now)).toBe(step + 1)
    const spaced = codeAt(secret, now).replace(/^(\d{3})/, '$1 ')
    expect(matchingStep(secret, spaced, now)).toBe(step)
  })

  it('refuses a code two steps away, of another secret, or not six digits', () => {
    expect(matchingStep(secret, codeAt(secret, now - 60_000), now)).toBeNull()
    expect(matchingStep(secret, codeAt(newTotpSecret(), now), now)).toBeNull()
    expect(matchingStep(secret, '12345', now)).toBeNull()
    expect(matchingStep(secret, 'abcdef', now)).toBeNull()
  })

  it('gives an authenticator app the secret, the account and the issuer', () => {
    const uri = new URL(totpUri(secret, 'reviewer1@award.example'))
    expect(uri.protocol).toBe('otpauth:')
    expect(uri.searchParams.get('secret')).toBe(secret)
    expect(uri.searchParams.get('digits')).toBe('6')
    expect(decodeURIComponent(uri.pathname)).toContain('reviewer1@award.example')
  })

  it('makes ten different recovery codes, found again however they are typed', () => {
    const codes = newRecoveryCodes()
    expect(new Set(codes).size).toBe(10)
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)
    const [first] = codes
    expect(recoveryCodeHash(` ${first!.toUpperCase().replace(/-/g, ' ')} `)).toBe(recoveryCodeHash(first!))
    expect(recoveryCodeHash(codes[1]!)).not.toBe(recoveryCodeHash(first!))
  })

  it('requires it of the roles the deployment names', () => {
    expect(twoFactorRequired('admin', 'admin')).toBe(true)
    expect(twoFactorRequired('reviewer', 'admin')).toBe(false)
    expect(twoFactorRequired('reviewer', 'staff')).toBe(true)
    expect(twoFactorRequired('applicant', 'staff')).toBe(false)
    expect(twoFactorRequired('admin', 'off')).toBe(false)
  })
})
