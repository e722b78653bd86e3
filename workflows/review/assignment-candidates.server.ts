import { listExperts, tiesOf } from '#db/repositories/experts'
import { declaredConflictsWith, expertLoads } from '#db/repositories/review'
import type { Executor } from '#db/repositories/types'
import { type Conflict, conflictsOf, type Party } from '../experts/conflicts'
import { beijingDate } from '../time'

/** An expert the secretariat could name for an application by hand, with what the choice should weigh. */
export interface AssignmentCandidate {
  userId: number
  name: string
  fields: string
  /** Active assignments in the cycle, and the cycle's cap (what a draw would respect). */
  load: number
  cap: number
  /** Conflicts with the applicant as of today (Beijing): naming this expert is refused. */
  conflicts: Conflict[]
  /** The expert declared a conflict with this applicant before: naming them again is refused. */
  declaredConflict: boolean
  /** Invited but without a password yet: they cannot log in to accept until they set one. */
  canLogIn: boolean
}

/**
 * The manual-assignment list (issue 17): every active expert not already on the application, with the load the
 * draw would weigh, computed and declared conflicts, and whether they can log in. The same rules as a draw, so
 * the list never offers a choice the assignment would refuse without saying why beforehand.
 */
export async function assignmentCandidates(
  db: Executor,
  input: {
    applicationId: number
    cycle: { id: number; expert_load_cap: number }
    applicant: Party
    assigned: ReadonlySet<number>
    now: string
  },
): Promise<AssignmentCandidate[]> {
  const [experts, loads, recused] = await Promise.all([
    listExperts(db, { activeOnly: true }),
    expertLoads(db, input.cycle.id),
    declaredConflictsWith(db, input.applicationId),
  ])
  const today = beijingDate(input.now)
  return experts
    .filter((expert) => !input.assigned.has(expert.user_id) || recused.has(expert.user_id))
    .map((expert) => ({
      userId: expert.user_id,
      name: expert.display_name,
      fields: expert.fields,
      load: loads.get(expert.user_id) ?? 0,
      cap: input.cycle.expert_load_cap,
      conflicts: conflictsOf(tiesOf(expert), input.applicant, today),
      declaredConflict: recused.has(expert.user_id),
      canLogIn: expert.passwordSet,
    }))
}
