import { transition } from 'xstate'
import { appendAudit } from '#db/repositories/audit'
import { getAssignment, updateAssignmentIfVersion } from '#db/repositories/review'
import type { Executor } from '#db/repositories/types'
import type { AssignmentStatus } from '#db/schema'
import { type Actor, isAdministrator, mayScore } from '../application/application.policy'
import { mayAct } from '../account/duties'
import { forbidden, notAllowedNow, notFound, staleVersion } from '../errors'
import { type AssignmentEvent, assignmentMachine, assignmentSnapshot } from './assignment.machine'

/** Who may send which event: the expert answers and works; the secretariat removes and reopens. */
function mayApply(actor: Actor, reviewerId: number, event: AssignmentEvent): boolean {
  if (event.type === 'REMOVE' || event.type === 'REOPEN') return mayAct(actor, 'assignExperts')
  return mayScore(actor, reviewerId)
}

/**
 * Moves one assignment through its machine, in the caller's transaction: the legal step decided by the machine,
 * a version check, and an audit row (entity 'assignment') with the reason where the event has one.
 */
export async function applyAssignmentEvent(
  trx: Executor,
  input: { assignmentId: number; actor: Actor; event: AssignmentEvent; now: string },
): Promise<{ from: AssignmentStatus; to: AssignmentStatus; applicationId: number; reviewerId: number }> {
  const assignment = await getAssignment(trx, input.assignmentId)
  if (!assignment) throw notFound()
  if (!mayApply(input.actor, assignment.reviewer_id, input.event))
    throw isAdministrator(input.actor) ? forbidden() : notFound()
  const from = assignment.status
  const [next] = transition(assignmentMachine, assignmentSnapshot(from), input.event)
  const to = next.value as AssignmentStatus
  if (to === from) throw notAllowedNow(input.event.type, from)
  const reason = 'reason' in input.event ? input.event.reason.trim() : null
  const ends = to === 'declined' || to === 'recused' || to === 'removed'
  const written = await updateAssignmentIfVersion(trx, assignment.id, assignment.version, {
    status: to,
    ...(input.event.type === 'ACCEPT' || input.event.type === 'DECLINE' || input.event.type === 'RECUSE'
      ? { responded_at: input.now }
      : {}),
    ...(ends ? { ended_at: input.now, end_reason: reason ?? '' } : {}),
    ...(to === 'recused' ? { recused_at: input.now, recusal_reason: reason ?? '' } : {}),
  })
  if (!written) throw staleVersion()
  await appendAudit(trx, {
    entity: 'assignment',
    entityId: assignment.id,
    actorUserId: input.actor.userId,
    at: input.now,
    fromState: from,
    toState: to,
    event: `ASSIGNMENT_${input.event.type}`,
    reason,
  })
  return { from, to, applicationId: assignment.application_id, reviewerId: assignment.reviewer_id }
}
