import { describe, expect, it } from 'vitest'
import { actingOffices, duties, dutiesOf, incompatibleOffices, mayAct, offices, officesOfMask } from './duties'

const holder = (...held: Array<(typeof offices)[number]>) => ({ role: 'admin', offices: held })

describe('the offices’ duties (issue 22)', () => {
  it('gives each act to the offices the award’s rules give it to', () => {
    expect(dutiesOf(holder('committee'))).toEqual(['readRecords', 'decide'])
    expect(dutiesOf(holder('supervisor'))).toEqual(['readRecords', 'exportAudit'])
    expect(dutiesOf(holder('agency'))).toEqual([
      'readRecords',
      'eligibility',
      'manageExperts',
      'assignExperts',
      'conductReview',
      'socialEvaluation',
      'schedule',
      'writeMessages',
    ])
    expect(dutiesOf(holder('secretariat'))).toEqual([
      'readRecords',
      'exportAudit',
      'runCycle',
      'manageStaff',
      'manageExperts',
      'shortlist',
      'runNotice',
      'recordApproval',
      'publish',
      'keepArchive',
      'writeMessages',
    ])
    // Only the committee decides; every act belongs to some office that acts, reading to all.
    expect(duties.decide).toEqual(['committee'])
    expect(duties.readRecords).toEqual(offices)
    for (const duty of Object.keys(duties) as Array<keyof typeof duties>)
      expect(dutiesOf({ role: 'admin', offices: [...offices] })).toContain(duty)
  })

  it('gives nothing to experts, applicants, or a staff account without an office', () => {
    for (const duty of Object.keys(duties) as Array<keyof typeof duties>) {
      expect(mayAct({ role: 'reviewer', offices: [...offices] }, duty)).toBe(false)
      expect(mayAct({ role: 'applicant' }, duty)).toBe(false)
      expect(mayAct({ role: 'admin', offices: [] }, duty)).toBe(false)
      expect(mayAct({ role: 'admin' }, duty)).toBe(false)
      expect(mayAct(null, duty)).toBe(false)
    }
  })

  it('keeps a supervisor alone, and the agency off the committee', () => {
    expect(incompatibleOffices(['supervisor'])).toBeNull()
    expect(incompatibleOffices(['supervisor', 'secretariat'])).toEqual(['supervisor', 'secretariat'])
    expect(incompatibleOffices(['agency', 'committee'])).toEqual(['agency', 'committee'])
    expect(incompatibleOffices(['secretariat', 'agency'])).toBeNull()
    expect(incompatibleOffices(['secretariat', 'committee'])).toBeNull()
    // What older staff accounts hold: flagged on the staff page, kept until narrowed.
    expect(incompatibleOffices(actingOffices)).toEqual(['agency', 'committee'])
  })

  it('reads the offices from the session’s bits, in the table’s order', () => {
    expect(officesOfMask(0)).toEqual([])
    expect(officesOfMask(null)).toEqual([])
    expect(officesOfMask(1)).toEqual(['secretariat'])
    expect(officesOfMask(2 + 4)).toEqual(['agency', 'committee'])
    expect(officesOfMask(8)).toEqual(['supervisor'])
    expect(officesOfMask(15)).toEqual(offices)
  })
})
