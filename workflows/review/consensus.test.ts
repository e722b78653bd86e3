import { describe, expect, it } from 'vitest'
import { needsConsensus, suggestedPercentage, totalSpread } from './consensus'

describe('disagreement between reviewers', () => {
  it('measures the spread of totals', () => {
    expect(totalSpread([60000, 75000, 58000])).toBe(17000)
    expect(totalSpread([60000])).toBe(0)
  })

  it('needs a consensus only beyond the threshold', () => {
    expect(needsConsensus([60000, 75000], 15000)).toBe(false)
    expect(needsConsensus([60000, 75001], 15000)).toBe(true)
  })

  it('suggests the median percentage on the 5 % grid', () => {
    expect(suggestedPercentage([50, 70, 60])).toBe(60)
    expect(suggestedPercentage([50, 65])).toBe(60) // 57.5 rounds up to 60
    expect(suggestedPercentage([])).toBeNull()
  })
})
