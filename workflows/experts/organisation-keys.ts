/**
 * The keys on which organisations are compared (conflicts of interest, issue 17), stored beside the text as typed:
 * `organisations.name_key` / `uscc_key`, `experts.employer_name_key` / `employer_uscc_key`, `expert_relations.name_key`
 * / `uscc_key` (migration 0045). Every writer stores them through organisationKeys, so the stored key is always this
 * function of the stored text; a change here needs a migration that recomputes them.
 */

/**
 * Organisation names as people type them: full-width and half-width forms, case, spaces and punctuation vary
 * (`Co.,Ltd` and `Co., Ltd.`, `（集团）` and `(集团)`), the words do not. Only letters and digits are kept, after
 * Unicode NFKC. A name is compared whole (after this), never by a part of it, so 深圳电子 does not match 深圳电子科技.
 */
export function normaliseOrganisationName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .toUpperCase()
}

const creditCodeCharacters = /^[0-9ABCDEFGHJKLMNPQRTUWXY]{18}$/

/**
 * A credit code as a key, or null when what was typed is not a code: NFKC (full-width digits), upper case, and
 * spaces, hyphens and other separators removed (`91440300 MA5F…` as copied from a certificate). The check
 * character is not required (a few real codes fail it); the form is: 18 characters of the code's alphabet. A text
 * that is not a code leaves the comparison to the name, rather than making two organisations differ.
 */
export function creditCodeKey(code: string | null): string | null {
  if (!code) return null
  // The same letters-and-digits key as a name's: a code is a name that also has the form of one.
  const key = normaliseOrganisationName(code)
  return creditCodeCharacters.test(key) ? key : null
}

/** An organisation's comparison keys: its name's (never null, possibly empty) and its credit code's (null if none). */
export interface OrganisationKeys {
  name: string
  uscc: string | null
}

export function organisationKeys(name: string, uscc: string | null): OrganisationKeys {
  return { name: normaliseOrganisationName(name), uscc: creditCodeKey(uscc) }
}

/** The keys as a row stores them; null for a row that has none (written outside the repositories), to compute. */
export function storedOrganisationKeys(nameKey: string | null, usccKey: string | null): OrganisationKeys | null {
  return nameKey === null ? null : { name: nameKey, uscc: usccKey }
}
