import { describe, expect, it } from 'vitest'
import { beijingLocalToIso, cycleSettingsSchema, isoToBeijingLocal } from './cycle'

describe('cycle settings form', () => {
  it('reads the deadline as Beijing time and stores UTC', () => {
    expect(beijingLocalToIso('2026-12-31T23:59')).toBe('2026-12-31T15:59:00.000Z')
    expect(isoToBeijingLocal('2026-12-31T15:59:59.999Z')).toBe('2026-12-31T23:59')
  })

  it('refuses a minimum of reviewers below one or a method it does not know', () => {
    const base = { deadline: '2026-12-31T23:59', minReviewers: '3', aggregation: 'median', noticeDays: '5', consensusThreshold: '150' }
    expect(cycleSettingsSchema.safeParse(base).success).toBe(true)
    expect(cycleSettingsSchema.safeParse({ ...base, minReviewers: '0' }).error?.issues[0]?.message).toBe('errors.tooSmall')
    expect(cycleSettingsSchema.safeParse({ ...base, aggregation: 'max' }).error?.issues[0]?.message).toBe('errors.choose')
    expect(cycleSettingsSchema.safeParse({ ...base, deadline: '31/12/2026' }).error?.issues[0]?.message).toBe('errors.date')
  })
})
