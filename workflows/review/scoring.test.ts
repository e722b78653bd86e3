import { describe, expect, it } from 'vitest'
import {
  aggregate,
  bandOf,
  categoryTotals,
  formatPoints,
  isValidPercentage,
  itemPoints,
  mean,
  median,
  normaliseByReviewer,
  roundHalfUp,
  sheetTotal,
  trimmedMean,
  weightedScore,
  weightsAreValid,
  defaultStageWeights,
} from './scoring'
import { rankCategory } from './ranking'

describe('item points', () => {
  it('is the percentage of the item points, in hundredths', () => {
    expect(itemPoints(75, 50)).toBe(3750) // 37.50 of 50 points
    expect(itemPoints(35, 15)).toBe(525) // 5.25 of 15 points
    expect(itemPoints(100, 80)).toBe(8000)
    expect(itemPoints(0, 80)).toBe(0)
  })

  it('refuses percentages outside 0..100 or off the 5 % steps', () => {
    expect(isValidPercentage(55)).toBe(true)
    for (const bad of [-5, 105, 52, 7.5, Number.NaN]) {
      expect(isValidPercentage(bad)).toBe(false)
      expect(() => itemPoints(bad, 10)).toThrow(RangeError)
    }
  })
})

describe('sheet totals', () => {
  it('adds items exactly, with no floating-point drift', () => {
    // 0.1 + 0.2 style traps: 35 % of 15 (5.25) + 65 % of 15 (9.75) + 45 % of 10 (4.50) = 19.50
    const items = [
      { categoryCode: '4.4', maxPoints: 15, percentage: 35 },
      { categoryCode: '4.4', maxPoints: 15, percentage: 65 },
      { categoryCode: '4.4', maxPoints: 10, percentage: 45 },
      { categoryCode: '4.7', maxPoints: 80, percentage: 55 },
    ]
    expect(sheetTotal(items)).toBe(1950 + 4400)
    expect(formatPoints(sheetTotal(items))).toBe('63.50')
    expect(categoryTotals(items)).toEqual(
      new Map([
        ['4.4', 1950],
        ['4.7', 4400],
      ]),
    )
  })

  it('gives 1000 points when every item of the 1000-point tree is at 100 %', () => {
    const points = [50, 30, 30, 40, 50, 40, 50, 60, 15, 20, 15, 10, 10, 50, 50, 40, 40, 80, 80, 80, 60, 50, 50]
    const items = points.map((maxPoints) => ({ categoryCode: 'x', maxPoints, percentage: 100 }))
    expect(formatPoints(sheetTotal(items))).toBe('1000.00')
  })
})

describe('mean of reviewers', () => {
  it('rounds half up to the hundredth', () => {
    expect(mean([60000, 60001])).toBe(60001) // 600.005 -> 600.01
    expect(mean([60000, 60000, 60001])).toBe(60000) // 600.0033 -> 600.00
    expect(mean([60000, 60001, 60001])).toBe(60001) // 600.0067 -> 600.01
    expect(mean([52525, 61050, 70000])).toBe(61192) // 611.9166.. -> 611.92
  })

  it('has no mean without sheets', () => {
    expect(mean([])).toBeNull()
  })
})

describe('median and trimmed mean', () => {
  it('takes the middle total, or the rounded mean of the two middle ones', () => {
    expect(median([70000, 50000, 60000])).toBe(60000)
    expect(median([50000, 60001, 60000, 90000])).toBe(60001) // (600.00 + 600.01) / 2 = 600.005 -> 600.01
    expect(median([])).toBeNull()
  })

  it('drops the single highest and lowest total before the mean', () => {
    // 500, 600, 650, 700, 950: without 500 and 950 the mean is 650.00
    expect(trimmedMean([95000, 50000, 65000, 70000, 60000])).toBe(65000)
    expect(trimmedMean([50000, 60000])).toBe(55000)
  })

  it('is chosen per cycle', () => {
    const totals = [40000, 60000, 95000]
    expect(aggregate('mean', totals)).toBe(65000)
    expect(aggregate('median', totals)).toBe(60000)
    expect(aggregate('trimmedMean', totals)).toBe(60000)
  })
})

describe('formatting and bands', () => {
  it('formats hundredths as points with two decimals', () => {
    expect(formatPoints(123450)).toBe('1234.50')
    expect(formatPoints(5)).toBe('0.05')
  })

  it('places percentages in the six guidance bands', () => {
    expect([0, 5, 10, 25, 30, 50, 70, 85, 90, 100].map(bandOf)).toEqual([0, 0, 1, 1, 2, 3, 4, 4, 5, 5])
  })
})

describe('ranking within a category', () => {
  it('ranks by total, then results (4.7), then leadership (4.1)', () => {
    const ranked = rankCategory([
      { applicationId: 1, total: 70000, results: 30000, leadership: 8000 },
      { applicationId: 2, total: 70000, results: 31000, leadership: 7000 },
      { applicationId: 3, total: 80000, results: 20000, leadership: 5000 },
      { applicationId: 4, total: 70000, results: 30000, leadership: 9000 },
    ])
    expect(ranked.map((r) => [r.applicationId, r.rank])).toEqual([
      [3, 1],
      [2, 2],
      [4, 3],
      [1, 4],
    ])
  })

  it('gives the same rank to entries equal on every tie-breaker', () => {
    const ranked = rankCategory([
      { applicationId: 5, total: 1, results: 1, leadership: 1 },
      { applicationId: 6, total: 1, results: 1, leadership: 1 },
      { applicationId: 7, total: 0, results: 0, leadership: 0 },
    ])
    expect(ranked.map((r) => r.rank)).toEqual([1, 1, 3])
  })
})

describe('per-reviewer normalisation (z-scores)', () => {
  it('puts a harsh and a lenient reviewer on the same footing', () => {
    // Reviewer 1 is harsh (400, 500), reviewer 2 lenient (700, 800), both rank application A below B.
    const normalised = normaliseByReviewer([
      { sheetId: 1, reviewerId: 1, total: 40000 },
      { sheetId: 2, reviewerId: 1, total: 50000 },
      { sheetId: 3, reviewerId: 2, total: 70000 },
      { sheetId: 4, reviewerId: 2, total: 80000 },
    ])
    // All totals: mean 600.00, sd 158.11; each reviewer's z-scores are -1 and +1.
    expect(normalised.get(1)).toBe(normalised.get(3))
    expect(normalised.get(2)).toBe(normalised.get(4))
    // Unrounded: the aggregate rounds once.
    expect(normalised.get(1)).toBeCloseTo(44188.6117, 3)
    expect(roundHalfUp(normalised.get(1)!)).toBe(44189)
    expect(roundHalfUp(normalised.get(2)!)).toBe(75811)
  })

  it('rounds an aggregate of normalised totals once, half up, not each total and then again', () => {
    // Rounded one by one these are 10, 10 and 11 hundredths, whose mean rounds to 10; exactly, the mean is 10.5.
    expect(aggregate('mean', [10.4, 10.4, 10.7])).toBe(11)
    expect(aggregate('median', [10.4, 10.6])).toBe(11)
    expect(aggregate('trimmedMean', [1, 10.4, 10.6, 99])).toBe(11)
    // Whole hundredths keep their exact integer results.
    expect(aggregate('mean', [1, 2])).toBe(2)
    expect(aggregate('mean', [1, 1, 2])).toBe(1)
  })

  it('keeps raw totals where a reviewer has no measurable spread', () => {
    const normalised = normaliseByReviewer([
      { sheetId: 1, reviewerId: 1, total: 40000 },
      { sheetId: 2, reviewerId: 2, total: 70000 },
      { sheetId: 3, reviewerId: 2, total: 70000 },
      { sheetId: 4, reviewerId: 3, total: 90000 },
      { sheetId: 5, reviewerId: 3, total: 60000 },
    ])
    expect(normalised.get(1)).toBe(40000) // one sheet only
    expect(normalised.get(2)).toBe(70000) // all equal
    expect(normalised.get(4)).toBeGreaterThan(normalised.get(5)!)
  })

  it('stays within 0 and 1000 points', () => {
    const normalised = normaliseByReviewer([
      { sheetId: 1, reviewerId: 1, total: 0 },
      { sheetId: 2, reviewerId: 1, total: 100 },
      { sheetId: 3, reviewerId: 2, total: 100000 },
      { sheetId: 4, reviewerId: 2, total: 0 },
    ])
    for (const value of normalised.values()) {
      expect(value).toBeGreaterThanOrEqual(0)
      expect(value).toBeLessThanOrEqual(100000)
    }
  })
})

describe('weighted final score', () => {
  it('weighs the three stages as the cycle says, rounding once half up (hand-computed)', () => {
    // 40 % × 812.35 + 20 % × 760.00 + 40 % × 798.10 = 324.94 + 152.00 + 319.24 = 796.18
    expect(weightedScore({ document: 81235, defence: 76000, siteVisit: 79810 }, defaultStageWeights)).toBe(79618)
    // 40 % × 700.01 + 20 % × 700.02 + 40 % × 700.02 = 280.004 + 140.004 + 280.008 = 700.016 → 700.02
    expect(weightedScore({ document: 70001, defence: 70002, siteVisit: 70002 }, defaultStageWeights)).toBe(70002)
    // 50 / 25 / 25: 0.5 × 600.01 + 0.25 × 600.00 + 0.25 × 600.00 = 600.005 → 600.01 (half up, not to even)
    expect(
      weightedScore(
        { document: 60001, defence: 60000, siteVisit: 60000 },
        { document: 50, defence: 25, siteVisit: 25 },
      ),
    ).toBe(60001)
    // 33 / 33 / 34 of 900.00, 800.00, 700.00 = 297 + 264 + 238 = 799.00
    expect(
      weightedScore(
        { document: 90000, defence: 80000, siteVisit: 70000 },
        { document: 33, defence: 33, siteVisit: 34 },
      ),
    ).toBe(79900)
  })

  it('accepts only whole percentages that sum to 100', () => {
    expect(weightsAreValid(defaultStageWeights)).toBe(true)
    expect(weightsAreValid({ document: 100, defence: 0, siteVisit: 0 })).toBe(true)
    expect(weightsAreValid({ document: 40, defence: 20, siteVisit: 30 })).toBe(false)
    expect(weightsAreValid({ document: 40.5, defence: 19.5, siteVisit: 40 })).toBe(false)
    expect(weightsAreValid({ document: 120, defence: -20, siteVisit: 0 })).toBe(false)
    expect(() =>
      weightedScore({ document: 1, defence: 1, siteVisit: 1 }, { document: 50, defence: 50, siteVisit: 50 }),
    ).toThrow(RangeError)
  })
})
