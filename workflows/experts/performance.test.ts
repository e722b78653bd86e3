import { describe, expect, it } from 'vitest'
import { expertPerformance } from './performance'

const sheet = (total: number, submittedOn: string, items: Array<[number, number[]]>) => ({
  status: 'submitted' as const,
  sheet: { total, submittedOn, items: items.map(([percentage, all]) => ({ percentage, all })) },
})

describe("an expert's record for a cycle", () => {
  it('counts reviews by how they ended, on time or late, and measures leniency and distance from the others', () => {
    const record = expertPerformance({
      reviews: [
        sheet(80_000, '2026-10-30', [
          [70, [60, 70, 70]],
          [50, [50, 60, 65]],
        ]),
        sheet(70_000, '2026-11-02', [[90, [70, 80, 90]]]),
        { status: 'declined', sheet: null },
        { status: 'recused', sheet: null },
        { status: 'inProgress', sheet: null },
      ],
      cycleMeanTotal: 70_000,
      dueDate: '2026-10-31',
    })
    expect(record).toEqual({
      reviews: 5,
      submitted: 2,
      onTime: 1,
      late: 1,
      open: 1,
      declined: 1,
      recused: 1,
      // Mean 750.00 against the cycle's 700.00.
      leniency: '+50.00',
      // |70-70| + |50-60| + |90-80| over three items.
      deviation: 6.7,
    })
  })

  it('says nothing of leniency or distance without a submitted sheet, and nothing is late without a due date', () => {
    expect(
      expertPerformance({ reviews: [{ status: 'invited', sheet: null }], cycleMeanTotal: null, dueDate: null }),
    ).toMatchObject({ reviews: 1, submitted: 0, open: 1, leniency: null, deviation: null })
    expect(
      expertPerformance({ reviews: [sheet(60_000, '2030-01-01', [])], cycleMeanTotal: 65_000, dueDate: null }),
    ).toMatchObject({ onTime: 1, late: 0, leniency: '-50.00', deviation: null })
  })
})
