import { type Conflict, conflictsOf, type ExpertTies, type Party, type RelationKind } from '../experts/conflicts'

/** What a committee member may declare: the expert pool's ties, and the current employer. */
export const memberTieKinds = [
  'currentEmployer',
  'formerEmployer',
  'consultingClient',
  'relativeEmployer',
  'competitor',
] as const
export type MemberTieKind = (typeof memberTieKinds)[number]

export function isMemberTieKind(value: string): value is MemberTieKind {
  return (memberTieKinds as readonly string[]).includes(value)
}

interface TieRow {
  user_id: number
  kind: MemberTieKind
  name: string
  uscc: string | null
  ended_on: string | null
}

/**
 * A member's declared ties in the form the expert pool's conflict rules read (workflows/experts/conflicts.ts), so a
 * committee member is in conflict exactly where an expert with the same ties would be: the same employer; a former
 * employer or client within three years; a relative's employer; a competitor. Every current employer counts as one.
 */
function tiesOf(userId: number, rows: readonly TieRow[]): ExpertTies[] {
  const own = rows.filter((row) => row.user_id === userId)
  const relations = own
    .filter((row) => row.kind !== 'currentEmployer')
    .map((row) => ({ kind: row.kind as RelationKind, name: row.name, uscc: row.uscc, endedOn: row.ended_on }))
  const employers = own.filter((row) => row.kind === 'currentEmployer')
  return (employers.length > 0 ? employers : [{ name: '', uscc: null }]).map((employer) => ({
    id: userId,
    employerName: employer.name,
    employerUscc: employer.uscc,
    relations,
  }))
}

/** The members in conflict with this candidate, each with what ties them to it. */
export function conflictedMembers(
  members: readonly number[],
  ties: readonly TieRow[],
  candidate: Party,
  today: string,
): Map<number, Conflict[]> {
  const found = new Map<number, Conflict[]>()
  for (const member of members) {
    const conflicts = tiesOf(member, ties).flatMap((expert) => conflictsOf(expert, candidate, today))
    // A tie found through two employers' views is one tie.
    const unique = conflicts.filter((c, i) => conflicts.findIndex((d) => d.kind === c.kind && d.name === c.name) === i)
    if (unique.length > 0) found.set(member, unique)
  }
  return found
}
