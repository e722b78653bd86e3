/**
 * 统一社会信用代码 (Unified Social Credit Code) check, GB 32100-2015.
 * Returns why a code is refused, so the applicant can be told which part is wrong.
 */

const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY'
// W_i = 3^(i-1) mod 31 for positions 1..17.
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export type UsccProblem = 'length' | 'characters' | 'checkCharacter'

export type UsccResult = { ok: true; code: string } | { ok: false; problem: UsccProblem; expected?: string }

/** Upper-cases and strips spaces, which applicants often copy from certificates. */
export function normaliseUscc(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase()
}

export function checkCharacterFor(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += charset.indexOf(first17[i]!) * weights[i]!
  const value = (31 - (sum % 31)) % 31
  return charset[value]!
}

export function checkUscc(input: string): UsccResult {
  const code = normaliseUscc(input)
  if (code.length !== 18) return { ok: false, problem: 'length' }
  for (const c of code) if (!charset.includes(c)) return { ok: false, problem: 'characters' }
  const expected = checkCharacterFor(code.slice(0, 17))
  if (code[17] !== expected) return { ok: false, problem: 'checkCharacter', expected }
  return { ok: true, code }
}

/** Shenzhen's administrative region codes start 4403 (positions 3 to 6). */
export function isShenzhenRegistered(code: string): boolean {
  return code.slice(2, 6) === '4403'
}
