/**
 * Conflicts of interest between an expert and an applicant, computed from the expert pool's data (the rules in
 * ../shared/domain.md, "From scores to a result"): the same current employer; a former employer or a consulting
 * client that is the applicant, within three years of the end date (or still running); a declared relative's
 * employer or a declared competitor. A conflicted expert is never drawn for that applicant. Organisations are
 * compared on their keys (./organisation-keys.ts): the stored ones when the rows carry them, computed otherwise.
 */
import { type OrganisationKeys, organisationKeys } from './organisation-keys'

export type RelationKind = 'formerEmployer' | 'consultingClient' | 'relativeEmployer' | 'competitor'
export const relationKinds: readonly RelationKind[] = [
  'formerEmployer',
  'consultingClient',
  'relativeEmployer',
  'competitor',
]

export type ConflictKind = 'currentEmployer' | RelationKind

/** An organisation as a row names it, with its stored comparison keys when the row has them. */
export interface Organisation {
  name: string
  uscc: string | null
  keys?: OrganisationKeys | null
}

export interface ExpertTies {
  id: number
  employerName: string
  employerUscc: string | null
  employerKeys?: OrganisationKeys | null
  relations: ReadonlyArray<Organisation & { kind: RelationKind; endedOn: string | null }>
}

export type Party = Organisation

const keysOf = (organisation: Organisation): OrganisationKeys =>
  organisation.keys ?? organisationKeys(organisation.name, organisation.uscc)

const employerOf = (expert: ExpertTies): Organisation => ({
  name: expert.employerName,
  uscc: expert.employerUscc,
  keys: expert.employerKeys,
})

export interface Conflict {
  kind: ConflictKind
  /** The organisation as the expert's record names it. */
  name: string
}

/** Former employers and consulting clients count for this many years after the tie ended. */
export const coolingOffYears = 3

/** The same organisation: by credit code when both sides have one, by name otherwise. */
export function sameOrganisation(a: Organisation, b: Organisation): boolean {
  const keysA = keysOf(a)
  const keysB = keysOf(b)
  if (keysA.uscc && keysB.uscc) return keysA.uscc === keysB.uscc
  return keysA.name !== '' && keysA.name === keysB.name
}

/** The date three years before `today` (YYYY-MM-DD); a tie ended on or after it still counts. */
export function coolingOffStart(today: string): string {
  return `${Number(today.slice(0, 4)) - coolingOffYears}${today.slice(4)}`
}

/** Every conflict between this expert and this applicant (empty when there is none). */
export function conflictsOf(expert: ExpertTies, applicant: Party, today: string): Conflict[] {
  const conflicts: Conflict[] = []
  if (sameOrganisation(employerOf(expert), applicant)) {
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
  const indexKeys = (organisation: Organisation) => {
    const keys = keysOf(organisation)
    return [...(keys.uscc ? [`c:${keys.uscc}`] : []), ...(keys.name ? [`n:${keys.name}`] : [])]
  }
  for (const expert of experts) {
    for (const key of indexKeys(employerOf(expert))) add(key, expert.id)
    for (const relation of expert.relations) for (const key of indexKeys(relation)) add(key, expert.id)
  }
  const byId = new Map(experts.map((expert) => [expert.id, expert]))
  /** Expert id to conflicts, for the experts in conflict with this applicant only. */
  return (applicant: Party): Map<number, Conflict[]> => {
    const suspects = new Set<number>()
    for (const key of indexKeys(applicant)) {
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
