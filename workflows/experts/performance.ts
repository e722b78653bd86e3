import { formatPoints, type Hundredths, median } from '../review/scoring'

/**
 * An expert's record for a cycle (评审员绩效, issue 23): how many reviews, submitted by the due date or late, how
 * lenient (the mean of the expert's sheet totals against the cycle's mean), how far from the others per item (the
 * mean distance, in percentage points, of each item score from the median of all submitted sheets of that
 * application), and how many invitations ended declined or recused. Pure: the rows in, the record out.
 */

export interface ReviewOfExpert {
  /** The assignment's own due date (Beijing, YYYY-MM-DD) where it has one; else the cycle's applies. */
  dueDate?: string | null
  status: 'invited' | 'accepted' | 'inProgress' | 'submitted' | 'declined' | 'recused' | 'removed'
  /** For a submitted sheet: its total (hundredths), the Beijing day it was submitted, and per item the expert's
   * percentage and the median of every submitted sheet of the application. */
  sheet: {
    total: Hundredths
    submittedOn: string
    items: ReadonlyArray<{ percentage: number; all: readonly number[] }>
  } | null
}

export interface ExpertPerformance {
  reviews: number
  submitted: number
  onTime: number
  late: number
  open: number
  declined: number
  recused: number
  /** The expert's mean sheet total less the cycle's mean (points, two decimals, signed), or null without sheets. */
  leniency: string | null
  /** Mean distance from the application's median per item (percentage points, one decimal), or null. */
  deviation: number | null
}

export function expertPerformance(input: {
  reviews: readonly ReviewOfExpert[]
  /** The mean total of every submitted sheet of the cycle (hundredths), or null when there is none. */
  cycleMeanTotal: number | null
  /** The cycle's review due date (Beijing, YYYY-MM-DD), or null when none was set (then nothing is late). */
  dueDate: string | null
}): ExpertPerformance {
  const sheets = input.reviews.flatMap((r) =>
    r.status === 'submitted' && r.sheet ? [{ ...r.sheet, dueDate: r.dueDate ?? input.dueDate }] : [],
  )
  const count = (status: ReviewOfExpert['status']) => input.reviews.filter((r) => r.status === status).length
  const onTime = sheets.filter((s) => s.dueDate === null || s.submittedOn <= s.dueDate).length
  const own = sheets.length > 0 ? sheets.reduce((sum, s) => sum + s.total, 0) / sheets.length : null
  const distances = sheets.flatMap((s) =>
    s.items.flatMap((item) => {
      const middle = median(item.all)
      return middle === null ? [] : [Math.abs(item.percentage - middle)]
    }),
  )
  const leniency = own === null || input.cycleMeanTotal === null ? null : Math.round(own - input.cycleMeanTotal)
  return {
    reviews: input.reviews.length,
    submitted: sheets.length,
    onTime,
    late: sheets.length - onTime,
    open: input.reviews.filter((r) => ['invited', 'accepted', 'inProgress'].includes(r.status)).length,
    declined: count('declined'),
    recused: count('recused'),
    leniency: leniency === null ? null : `${leniency >= 0 ? '+' : ''}${formatPoints(leniency)}`,
    deviation:
      distances.length === 0
        ? null
        : Math.round((distances.reduce((sum, d) => sum + d, 0) / distances.length) * 10) / 10,
  }
}
