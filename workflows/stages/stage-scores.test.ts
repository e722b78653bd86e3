import { describe, expect, it } from 'vitest'
import {
  defencePoints,
  defencePointsByApplication,
  finalTerms,
  pointsOf,
  siteVisitPointsByApplication,
} from './stage-scores'

/** The seven GB/T 19580 categories with their points. */
const categories = [
  ['4.1', 110],
  ['4.2', 90],
  ['4.3', 90],
  ['4.4', 130],
  ['4.5', 100],
  ['4.6', 100],
  ['4.7', 380],
] as const
const sheet = (percentages: readonly number[]) =>
  categories.map(([code, points], i) => ({ category_code: code, max_points: points, percentage: percentages[i]! }))

describe('stage scores', () => {
  it('adds a defence sheet category by category (hand-computed)', () => {
    // 110×.6 + 90×.5 + 90×.5 + 130×.55 + 100×.6 + 100×.5 + 380×.45 = 66 + 45 + 45 + 71.5 + 60 + 50 + 171 = 508.50
    expect(pointsOf(sheet([60, 50, 50, 55, 60, 50, 45]))).toEqual({ total: 50850, results: 17100, leadership: 6600 })
  })

  it('takes the defence score as the panel mean, rounded once', () => {
    // 508.50, 500.00 and 510.00 → 1518.50 / 3 = 506.1666… → 506.17
    const points = defencePoints([
      sheet([60, 50, 50, 55, 60, 50, 45]),
      sheet([50, 50, 50, 50, 50, 50, 50]),
      sheet([50, 50, 50, 50, 50, 50, 50]).map((r) => (r.category_code === '4.5' ? { ...r, percentage: 60 } : r)),
    ])
    expect(points?.total).toBe(50617)
    expect(defencePoints([])).toBeNull()
  })

  it('groups defence rows by application and sheet, and site-visit rows by application', () => {
    const rows = [
      ...sheet([50, 50, 50, 50, 50, 50, 50]).map((r) => ({ ...r, application_id: 1, sheet_id: 10 })),
      ...sheet([70, 70, 70, 70, 70, 70, 70]).map((r) => ({ ...r, application_id: 1, sheet_id: 11 })),
      ...sheet([40, 40, 40, 40, 40, 40, 40]).map((r) => ({ ...r, application_id: 2, sheet_id: 12 })),
    ]
    const byApplication = defencePointsByApplication(rows)
    expect(byApplication.get(1)?.total).toBe(60000)
    expect(byApplication.get(2)?.total).toBe(40000)
    const visits = siteVisitPointsByApplication([
      { application_id: 5, category_code: '4.1', max_points: 70, percentage: 65 },
      { application_id: 5, category_code: '4.7', max_points: 120, percentage: 50 },
    ])
    // 70 × .65 + 120 × .5 = 45.50 + 60.00
    expect(visits.get(5)).toEqual({ total: 10550, results: 6000, leadership: 4550 })
  })

  it('combines the three stages with the cycle weights, tie-breakers weighted alike, only once all three are in', () => {
    const document = { total: 81235, results: 30000, leadership: 9000 }
    const defence = { total: 76000, results: 28000, leadership: 8500 }
    const siteVisit = { total: 79810, results: 29050, leadership: 9100 }
    const terms = finalTerms(document, defence, siteVisit, { document: 40, defence: 20, siteVisit: 40 })
    // 324.94 + 152.00 + 319.24 = 796.18; results 120 + 56 + 116.20 = 292.20; leadership 36 + 17 + 36.40 = 89.40
    expect(terms?.final).toEqual({ total: 79618, results: 29220, leadership: 8940 })
    expect(finalTerms(document, null, siteVisit, { document: 40, defence: 20, siteVisit: 40 })).toBeNull()
  })
})
