import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import type { MessageKey } from '~/i18n'

/**
 * Refuses passwords that are common or guessable (1234567890, password12, qwertyuiop, the user's own e-mail),
 * with zxcvbn-ts and its common-password dictionary. Server-side only: the dictionary is 1.3 MB that the
 * browser need not load; the form checks the length at once and this check answers with the field's message.
 *
 * Score 3 of 4 is "safely unguessable" (about 10^8 guesses or more), the usual bar for sites that also
 * throttle logins and hash slowly, as this one does.
 */
const zxcvbn = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs })
const minimumScore = 3

const commonWarnings = new Set([
  'topTen',
  'topHundred',
  'common',
  'similarToCommon',
  'wordByItself',
  'namesByThemselves',
  'commonNames',
  'pwned',
])
const patternWarnings = new Set([
  'straightRow',
  'keyPattern',
  'sequences',
  'simpleRepeat',
  'extendedRepeat',
  'recentYears',
  'dates',
])

/**
 * The e-mail's or the organisation's own words joined by separators or a year (`guangming-precision`,
 * `guangming-2026!`): zxcvbn's floor for a multi-part guess can rate these "strong", yet they are the first
 * thing an attacker who knows the account tries.
 */
function builtFromUserInputs(
  sequence: ReadonlyArray<{ pattern: string; token: string; dictionaryName?: string }>,
): boolean {
  const personal = (m: (typeof sequence)[number]) => m.pattern === 'dictionary' && m.dictionaryName === 'userInputs'
  // Digits and punctuation around them (`-2026!` is one token to zxcvbn): a year, a short number, a symbol or two.
  const filler = (m: (typeof sequence)[number]) => !/\p{L}/u.test(m.token) && m.token.length <= 8
  return sequence.some(personal) && sequence.every((m) => personal(m) || filler(m))
}

/** Why a new password is refused, as a message key, or null when it is strong enough. */
export function weakPasswordReason(password: string, userInputs: ReadonlyArray<string>): MessageKey | null {
  // What the user typed elsewhere on the form, and its parts (the e-mail's name and domain words).
  const inputs = userInputs
    .flatMap((input) => [input, ...input.toLowerCase().split(/[^\p{L}\p{N}]+/u)])
    .filter((input) => input.length >= 3)
  const result = zxcvbn.check(password.slice(0, 100), inputs)
  if (builtFromUserInputs(result.sequence)) return 'errors.passwordPersonal'
  if (result.score >= minimumScore) return null
  const warning = result.feedback.warning ?? ''
  if (warning === 'userInputs') return 'errors.passwordPersonal'
  if (commonWarnings.has(warning)) return 'errors.passwordCommon'
  if (patternWarnings.has(warning)) return 'errors.passwordPattern'
  return 'errors.passwordWeak'
}
