import { describe, expect, it } from 'vitest'
import { compareSelfScores, readSelfScores, selfJudgement, selfTotal } from './self-scoring'

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

describe('how well applicants judge themselves across the cycle', () => {
  it('totals a self-assessment only when every item is scored', () => {
    const items = [{ points: 70 }, { points: 30 }]
    expect(selfTotal(['80', '50'], items)).toEqual({ itemsScored: 2, points: 70 * 80 + 30 * 50 })
    expect(selfTotal(['80', ''], items)).toEqual({ itemsScored: 1, points: null })
    expect(selfTotal([], items)).toEqual({ itemsScored: 0, points: null })
  })

  it('sums up per category and for the cycle: means, and who judged within 50 points, above or below', () => {
    const rows = [
      { categoryCode: 'economy', selfPoints: 80_000, expertPoints: 70_000 },
      { categoryCode: 'economy', selfPoints: 60_000, expertPoints: 62_000 },
      { categoryCode: 'culture', selfPoints: 50_000, expertPoints: 56_000 },
    ]
    expect(selfJudgement(rows)).toEqual([
      {
        categoryCode: 'culture',
        applicants: 1,
        meanSelf: '500.00',
        meanExperts: '560.00',
        meanGap: '-60.00',
        over: 0,
        within: 0,
        under: 1,
      },
      {
        categoryCode: 'economy',
        applicants: 2,
        meanSelf: '700.00',
        meanExperts: '660.00',
        meanGap: '40.00',
        over: 1,
        within: 1,
        under: 0,
      },
      {
        categoryCode: null,
        applicants: 3,
        meanSelf: '633.33',
        meanExperts: '626.67',
        meanGap: '6.67',
        over: 1,
        within: 1,
        under: 1,
      },
    ])
    expect(selfJudgement([])).toEqual([])
  })
})
