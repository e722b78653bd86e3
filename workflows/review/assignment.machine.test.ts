import { describe, expect, it } from 'vitest'
import { transition } from 'xstate'
import type { AssignmentStatus } from '#db/schema'
import { type AssignmentEvent, assignmentMachine, assignmentSnapshot, opensApplication } from './assignment.machine'

const statuses: AssignmentStatus[] = [
  'invited',
  'accepted',
  'inProgress',
  'submitted',
  'declined',
  'recused',
  'removed',
]
const events: AssignmentEvent[] = [
  { type: 'ACCEPT' },
  { type: 'DECLINE', reason: '出差' },
  { type: 'RECUSE', reason: '曾为该单位提供咨询' },
  { type: 'REMOVE', reason: '专家健康原因' },
  { type: 'START' },
  { type: 'SUBMIT' },
  { type: 'REOPEN' },
]

/** Every state × every event: where it leads, or '—' when refused. */
const expected: Record<AssignmentStatus, Partial<Record<AssignmentEvent['type'], AssignmentStatus>>> = {
  invited: { ACCEPT: 'accepted', DECLINE: 'declined', RECUSE: 'recused', REMOVE: 'removed' },
  accepted: { START: 'inProgress', SUBMIT: 'submitted', RECUSE: 'recused', REMOVE: 'removed' },
  inProgress: { SUBMIT: 'submitted', RECUSE: 'recused', REMOVE: 'removed' },
  submitted: { REOPEN: 'inProgress', REMOVE: 'removed' },
  declined: {},
  recused: {},
  removed: {},
}

const next = (status: AssignmentStatus, event: AssignmentEvent) => {
  const [snapshot] = transition(assignmentMachine, assignmentSnapshot(status), event)
  return snapshot.value === status ? '—' : (snapshot.value as string)
}

describe("an expert's assignment", () => {
  for (const status of statuses) {
    for (const event of events) {
      const to = expected[status][event.type] ?? '—'
      it(`${status} + ${event.type} → ${to}`, () => expect(next(status, event)).toBe(to))
    }
  }

  it('needs a reason to decline, recuse or remove', () => {
    for (const type of ['DECLINE', 'RECUSE', 'REMOVE'] as const)
      expect(next('invited', { type, reason: '  ' })).toBe('—')
  })

  it('opens the application only after the expert declared no conflict', () => {
    expect(statuses.filter(opensApplication)).toEqual(['accepted', 'inProgress', 'submitted'])
  })
})
