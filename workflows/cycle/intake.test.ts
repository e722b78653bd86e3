import { describe, expect, it } from 'vitest'
import { intakeOpen, intakeRefusalKey, intakeState } from './intake'

const cycle = {
  submission_deadline: '2026-12-31T15:59:59.999Z', // 31 Dec 23:59:59.999 Beijing time
  intake_closed_at: null,
  results_published_at: null,
}

describe('intake (申报受理)', () => {
  it('is open to the deadline, to the millisecond stored, and not a moment after', () => {
    expect(intakeState(cycle, '2026-12-31T15:59:59.999Z')).toBe('open')
    expect(intakeState(cycle, '2026-12-31T16:00:00.000Z')).toBe('deadlinePassed')
    expect(intakeRefusalKey('deadlinePassed')).toBe('errors.deadlinePassed')
  })

  it('is closed before the deadline once closed, and once the results are published', () => {
    expect(intakeOpen({ ...cycle, intake_closed_at: '2026-11-01T00:00:00.000Z' }, '2026-11-02T00:00:00.000Z')).toBe(
      false,
    )
    expect(
      intakeState({ ...cycle, results_published_at: '2026-11-01T00:00:00.000Z' }, '2026-11-02T00:00:00.000Z'),
    ).toBe('closed')
    expect(intakeRefusalKey('closed')).toBe('errors.intakeClosed')
  })
})
