/**
 * 统一社会信用代码 (Unified Social Credit Code) check, GB 32100-2015.
 * Returns why a code is refused, so the applicant can be told which part is wrong.
 */

const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY'
// W_i = 3^(i-1) mod 31 for positions 1..17.
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export type UsccProblem =
  'length' | 'characters' | 'authority' | 'organisationType' | 'region' | 'organisationCode' | 'checkCharacter'

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

/**
 * Position 1, the registration authority, and position 2, the kind of organisation it registers (GB 32100-2015,
 * appendix A): 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 市场监管（工商）,
 * A 中央军委改革和编制办公室, N 农业, Y 其他.
 */
const organisationTypes: Readonly<Record<string, string>> = {
  '1': '1239',
  '2': '19',
  '3': '123459',
  '4': '19',
  '5': '1239',
  '6': '129',
  '7': '129',
  '8': '19',
  '9': '123',
  A: '19',
  N: '1239',
  Y: '1',
}

/** The first two digits of an administrative region code (GB/T 2260), 10 for bodies registered nationally. */
const provinces = new Set([
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
])

const organisationCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2]

/** The check character of a GB 11714 organisation code (positions 9 to 17 of the credit code). */
export function organisationCodeCheck(first8: string): string {
  let sum = 0
  for (let i = 0; i < 8; i++) sum += charset36(first8[i]!) * organisationCodeWeights[i]!
  const value = 11 - (sum % 11)
  return value === 10 ? 'X' : value === 11 ? '0' : String(value)
}

/** GB 11714 reads digits as themselves and letters A..Z as 10..35. */
function charset36(c: string): number {
  return /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55
}

export function checkUscc(input: string): UsccResult {
  const code = normaliseUscc(input)
  if (code.length !== 18) return { ok: false, problem: 'length' }
  for (const c of code) if (!charset.includes(c)) return { ok: false, problem: 'characters' }
  const types = organisationTypes[code[0]!]
  if (!types) return { ok: false, problem: 'authority' }
  if (!types.includes(code[1]!)) return { ok: false, problem: 'organisationType' }
  if (!/^\d{6}$/.test(code.slice(2, 8)) || !provinces.has(code.slice(2, 4))) return { ok: false, problem: 'region' }
  if (organisationCodeCheck(code.slice(8, 16)) !== code[16]) return { ok: false, problem: 'organisationCode' }
  const expected = checkCharacterFor(code.slice(0, 17))
  if (code[17] !== expected) return { ok: false, problem: 'checkCharacter', expected }
  return { ok: true, code }
}

/** Shenzhen's administrative region codes start 4403 (positions 3 to 6). */
export function isShenzhenRegistered(code: string): boolean {
  return code.slice(2, 6) === '4403'
}
