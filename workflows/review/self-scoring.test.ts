import { describe, expect, it } from 'vitest'
import { compareSelfScores, readSelfScores } from './self-scoring'

const item = (code: string, points: number, self: number | null, experts: number[]) => ({
  categoryCode: code.slice(0, 3),
  code,
  name_zh: code,
  name_en: code,
  points,
  self,
  experts,
})

describe('self-scores against the experts', () => {
  it('sets each self-score beside the median and spread, the largest gaps first, and sums the points per category', () => {
    const comparison = compareSelfScores([
      item('4.1.1', 50, 80, [60, 65, 70]),
      item('4.1.2', 30, 50, [50, 55]),
      item('4.2.1', 40, 30, [60, 70, 70]),
      item('4.2.2', 20, null, [50, 50, 50]),
      item('4.3.1', 20, 90, []),
    ])!
    expect(comparison.items.map((i) => [i.code, i.self, i.median, i.min, i.max, i.gap])).toEqual([
      ['4.2.1', 30, 70, 60, 70, -40],
      ['4.1.1', 80, 65, 60, 70, 15],
      // 52.5 is rounded half up to 53.
      ['4.1.2', 50, 53, 50, 55, -3],
    ])
    // 4.1: self 80 % of 50 + 50 % of 30 = 55.00; experts 65 % of 50 + 53 % of 30 = 48.40.
    expect(comparison.categories).toEqual([
      { code: '4.1', selfPoints: '55.00', expertPoints: '48.40', gapPoints: '+6.60' },
      { code: '4.2', selfPoints: '12.00', expertPoints: '28.00', gapPoints: '-16.00' },
    ])
    expect(comparison.meanAbsoluteGap).toBe(19.3)
  })

  it('has nothing to compare when the applicant scored nothing the experts scored', () => {
    expect(compareSelfScores([item('4.1.1', 50, null, [60]), item('4.1.2', 30, 70, [])])).toBeNull()
  })

  it('reads stored self-scores in the edition order, empty as not scored', () => {
    expect(readSelfScores(['70', '', '5'], 4)).toEqual([70, null, 5, null])
  })
})
