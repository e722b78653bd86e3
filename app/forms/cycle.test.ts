import { describe, expect, it } from 'vitest'
import { beijingLocalToIso, cycleSettingsSchema, deadlineFromForm, isoToBeijingLocal } from './cycle'

describe('cycle settings form', () => {
  it('reads the deadline as Beijing time and stores UTC', () => {
    expect(beijingLocalToIso('2026-12-31T23:59')).toBe('2026-12-31T15:59:00.000Z')
    expect(isoToBeijingLocal('2026-12-31T15:59:59.999Z')).toBe('2026-12-31T23:59')
  })

  it('keeps a deadline the form shows unchanged to the second, and reads a changed one as Beijing time', () => {
    expect(deadlineFromForm('2026-12-31T23:59', '2026-12-31T15:59:59.999Z')).toBe('2026-12-31T15:59:59.999Z')
    expect(deadlineFromForm('2026-12-30T17:00', '2026-12-31T15:59:59.999Z')).toBe('2026-12-30T09:00:00.000Z')
  })

  it('refuses a minimum of reviewers below three, a notice under five working days, or a method it does not know', () => {
    const base = {
      deadline: '2026-12-31T23:59',
      minReviewers: '3',
      aggregation: 'median',
      noticeDays: '5',
      consensusThreshold: '150',
    }
    expect(cycleSettingsSchema.safeParse(base).success).toBe(true)
    expect(cycleSettingsSchema.safeParse({ ...base, minReviewers: '2' }).error?.issues[0]?.message).toBe(
      'errors.minReviewers',
    )
    expect(cycleSettingsSchema.safeParse({ ...base, noticeDays: '4' }).error?.issues[0]?.message).toBe(
      'errors.noticeAtLeast',
    )
    expect(cycleSettingsSchema.safeParse({ ...base, aggregation: 'max' }).error?.issues[0]?.message).toBe(
      'errors.choose',
    )
    expect(cycleSettingsSchema.safeParse({ ...base, deadline: '31/12/2026' }).error?.issues[0]?.message).toBe(
      'errors.date',
    )
  })
})
