import { describe, expect, it } from 'vitest'
import { defaultRequiredEvidence, eligibilityProblems, missingEvidence } from './application.rules'

describe('required evidence', () => {
  it("lists the required conditions of the entry's award type that have no file, in the declaration's order", () => {
    expect(missingEvidence(defaultRequiredEvidence, 'organisation', [])).toEqual([
      'registeredThreeYears',
      'industryLeader',
    ])
    expect(missingEvidence(defaultRequiredEvidence, 'project', [{ declaration_key: 'industryLeader' }])).toEqual([
      'registeredThreeYears',
      'projectInOperation',
    ])
  })

  it('counts only files filed for the condition itself', () => {
    const files = [
      { declaration_key: null },
      { declaration_key: 'noPenalty' },
      { declaration_key: 'registeredThreeYears' },
    ]
    expect(missingEvidence(defaultRequiredEvidence, 'organisation', files)).toEqual(['industryLeader'])
  })

  it('never asks an organisation entry for the project condition, even if a cycle lists it', () => {
    expect(
      missingEvidence([{ awardType: 'organisation', condition: 'projectInOperation' }], 'organisation', []),
    ).toEqual([])
  })
})

describe('eligibility problems of the credit code', () => {
  const base = {
    awardType: 'organisation',
    registrationDate: '2010-05-18',
    registeredAddress: '深圳市南山区',
    usccExplanation: null,
    confirmations: ['registeredThreeYears', 'industryLeader', 'noPenalty', 'noAccident', 'goodCredit'].map(
      (condition_key) => ({ condition_key, met: 1 }),
    ),
    creditChecks: 1,
    today: '2026-11-27',
  }

  it('has none for a code that passes every check', () => {
    expect(eligibilityProblems({ ...base, uscc: '91440300708461136T' })).toEqual([])
  })

  it("flags a code that fails its check character, with the expected character and the applicant's explanation", () => {
    const problems = eligibilityProblems({
      ...base,
      uscc: '91440300708461136U',
      usccExplanation: '营业执照原件即为此代码。',
    })
    expect(problems).toEqual([{ kind: 'usccCheckCharacter', expected: 'T', explanation: '营业执照原件即为此代码。' }])
  })
})
