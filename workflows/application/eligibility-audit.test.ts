import { describe, expect, it } from 'vitest'
import { eligibilityAuditReason, readEligibilityAuditReason } from './eligibility-audit'

describe('the eligibility confirmation on the record', () => {
  it('is written as data and read back', () => {
    const reason = eligibilityAuditReason({ condition: 'goodCredit', met: true, note: null })
    expect(readEligibilityAuditReason(reason)).toEqual({
      kind: 'eligibilityCondition',
      condition: 'goodCredit',
      met: true,
      note: null,
    })
  })

  it('reads the rows written before it was data, note and all', () => {
    expect(readEligibilityAuditReason('registeredThreeYears: met')).toEqual({
      kind: 'eligibilityCondition',
      condition: 'registeredThreeYears',
      met: true,
      note: null,
    })
    expect(readEligibilityAuditReason('noPenalty: not met — 2026年3月受到处罚\n已核实')).toMatchObject({
      met: false,
      note: '2026年3月受到处罚\n已核实',
    })
  })

  it('leaves other reasons alone: another row kind, an unknown condition, prose', () => {
    expect(readEligibilityAuditReason('{"kind":"settings"}')).toBeNull()
    expect(readEligibilityAuditReason('madeUpCondition: met')).toBeNull()
    expect(readEligibilityAuditReason('退回补正：缺少营业执照')).toBeNull()
    expect(readEligibilityAuditReason(null)).toBeNull()
  })
})
