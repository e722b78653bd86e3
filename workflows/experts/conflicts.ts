/**
 * Conflicts of interest between an expert and an applicant, computed from the expert pool's data (the rules in
 * ../shared/domain.md, "From scores to a result"): the same current employer; a former employer or a consulting
 * client that is the applicant, within three years of the end date (or still running); a declared relative's
 * employer or a declared competitor. A conflicted expert is never drawn for that applicant.
 */

export type RelationKind = 'formerEmployer' | 'consultingClient' | 'relativeEmployer' | 'competitor'
export const relationKinds: readonly RelationKind[] = [
  'formerEmployer',
  'consultingClient',
  'relativeEmployer',
  'competitor',
]

export type ConflictKind = 'currentEmployer' | RelationKind

export interface ExpertTies {
  id: number
  employerName: string
  employerUscc: string | null
  relations: ReadonlyArray<{ kind: RelationKind; name: string; uscc: string | null; endedOn: string | null }>
}

export interface Party {
  name: string
  uscc: string
}

export interface Conflict {
  kind: ConflictKind
  /** The organisation as the expert's record names it. */
  name: string
}

/** Former employers and consulting clients count for this many years after the tie ended. */
export const coolingOffYears = 3

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

/** The same organisation: by credit code when both sides have one, by name otherwise. */
export function sameOrganisation(a: { name: string; uscc: string | null }, b: Party): boolean {
  const codeA = creditCodeKey(a.uscc)
  const codeB = creditCodeKey(b.uscc)
  if (codeA && codeB) return codeA === codeB
  const nameA = normaliseOrganisationName(a.name)
  return nameA !== '' && nameA === normaliseOrganisationName(b.name)
}

/** The date three years before `today` (YYYY-MM-DD); a tie ended on or after it still counts. */
export function coolingOffStart(today: string): string {
  return `${Number(today.slice(0, 4)) - coolingOffYears}${today.slice(4)}`
}

/** Every conflict between this expert and this applicant (empty when there is none). */
export function conflictsOf(expert: ExpertTies, applicant: Party, today: string): Conflict[] {
  const conflicts: Conflict[] = []
  if (sameOrganisation({ name: expert.employerName, uscc: expert.employerUscc }, applicant)) {
    conflicts.push({ kind: 'currentEmployer', name: expert.employerName })
  }
  const since = coolingOffStart(today)
  for (const relation of expert.relations) {
    if (!sameOrganisation(relation, applicant)) continue
    const timeBound = relation.kind === 'formerEmployer' || relation.kind === 'consultingClient'
    if (timeBound && relation.endedOn !== null && relation.endedOn < since) continue
    conflicts.push({ kind: relation.kind, name: relation.name })
  }
  return conflicts
}

/**
 * The conflicts of a whole pool with many applicants at once, through an index of the pool's ties by credit code
 * and by name: a category's draw checks 2,000 applicants against 300 experts without comparing every pair.
 */
export function conflictIndex(experts: readonly ExpertTies[], today: string) {
  const byKey = new Map<string, Set<number>>()
  const add = (key: string, expertId: number) => {
    const ids = byKey.get(key) ?? new Set<number>()
    ids.add(expertId)
    byKey.set(key, ids)
  }
  const keysOf = (org: { name: string; uscc: string | null }) => {
    const code = creditCodeKey(org.uscc)
    const name = normaliseOrganisationName(org.name)
    return [...(code ? [`c:${code}`] : []), ...(name ? [`n:${name}`] : [])]
  }
  for (const expert of experts) {
    for (const key of keysOf({ name: expert.employerName, uscc: expert.employerUscc })) add(key, expert.id)
    for (const relation of expert.relations) for (const key of keysOf(relation)) add(key, expert.id)
  }
  const byId = new Map(experts.map((expert) => [expert.id, expert]))
  /** Expert id to conflicts, for the experts in conflict with this applicant only. */
  return (applicant: Party): Map<number, Conflict[]> => {
    const suspects = new Set<number>()
    for (const key of keysOf(applicant)) {
      for (const id of byKey.get(key) ?? []) suspects.add(id)
    }
    const found = new Map<number, Conflict[]>()
    for (const id of suspects) {
      // The index only narrows the search; the rules themselves decide (a name match may lose to differing codes).
      const conflicts = conflictsOf(byId.get(id)!, applicant, today)
      if (conflicts.length > 0) found.set(id, conflicts)
    }
    return found
  }
}
