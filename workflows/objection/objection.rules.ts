/**
 * An objection is filed under the objector's real name (the 2021 rules do not accept anonymous ones). Names that
 * only stand in for one are refused: 匿名, 某某, 知情人, "anonymous", a row of x's.
 */
const placeholders = new Set([
  '匿名',
  '匿名者',
  '匿名人',
  '无名',
  '无名氏',
  '某某',
  '某某某',
  '某人',
  '不详',
  '保密',
  '不便透露',
  '群众',
  '一群众',
  '市民',
  '一市民',
  '网友',
  '知情人',
  '知情者',
  '路人',
  '热心市民',
  '举报人',
  '无',
  '暂无',
  '未知',
  'anonymous',
  'anon',
  'unknown',
  'none',
  'n/a',
  'na',
  'test',
  'xxx',
  'nobody',
  'someone',
])

export function isPlaceholderName(name: string): boolean {
  const plain = name.trim().toLowerCase().replace(/\s+/g, '')
  if (placeholders.has(plain)) return true
  // One character repeated (某某某, xxx, 123…) or nothing but digits and punctuation is no name.
  return /^(.)\1+$/u.test(plain) || !/\p{L}/u.test(plain)
}

/** The reference the objector is given: the year of the notice and the objection's number, GS2026-00012. */
export function objectionReference(year: number, objectionId: number): string {
  return `GS${year}-${String(objectionId).padStart(5, '0')}`
}

export const objectionReferencePattern = /^GS\d{4}-\d{5,}$/

/** An objection may carry a few files; each follows the application evidence rules (PDF or image, 10 MB). */
export const maxObjectionFiles = 3
