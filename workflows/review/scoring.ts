/**
 * GB/T 19580 scoring arithmetic. Reviewers give integer percentages in 5 % steps; points are derived.
 * Everything is computed in integer hundredths of a point, so a total is exact to 0.01 point and no
 * floating-point drift can reorder a ranking.
 */

import { groupBy } from '../group-by'

export type Hundredths = number

export const percentageStep = 5

export function isValidPercentage(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 100 && value % percentageStep === 0
}

/** Item points in hundredths: percentage × item points / 100, kept as an integer. */
export function itemPoints(percentage: number, maxPoints: number): Hundredths {
  if (!isValidPercentage(percentage)) throw new RangeError(`invalid percentage ${percentage}`)
  return percentage * maxPoints
}

export interface ScoredItem {
  categoryCode: string
  maxPoints: number
  percentage: number
}

export function sheetTotal(items: readonly ScoredItem[]): Hundredths {
  return items.reduce((sum, item) => sum + itemPoints(item.percentage, item.maxPoints), 0)
}

export function categoryTotals(items: readonly ScoredItem[]): Map<string, Hundredths> {
  const totals = new Map<string, Hundredths>()
  for (const item of items) {
    totals.set(item.categoryCode, (totals.get(item.categoryCode) ?? 0) + itemPoints(item.percentage, item.maxPoints))
  }
  return totals
}

/**
 * Rounds half up to a whole hundredth, once, at the end of a computation. Values here are sums and quotients of
 * at most a few hundred terms, so a float that should be exactly .5 can land a hair below it: the tolerance is
 * far below anything a score can mean (10^-9 of a hundredth).
 */
export function roundHalfUp(value: number): Hundredths {
  return Math.floor(value + 0.5 + 1e-9)
}

function exactMean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length
}

function exactMedian(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** The mean, rounded half up to the hundredth. */
export function mean(values: readonly number[]): Hundredths | null {
  return values.length === 0 ? null : roundHalfUp(exactMean(values))
}

/** The middle value; for an even count the mean of the two middle values, rounded half up. */
export function median(values: readonly number[]): Hundredths | null {
  return values.length === 0 ? null : roundHalfUp(exactMedian(values))
}

/** The mean without the single highest and lowest total; with fewer than three totals, the plain mean. */
export function trimmedMean(values: readonly number[]): Hundredths | null {
  if (values.length < 3) return mean(values)
  const sorted = [...values].sort((a, b) => a - b)
  return mean(sorted.slice(1, -1))
}

export type Aggregation = 'mean' | 'median' | 'trimmedMean'
export const aggregations: readonly Aggregation[] = ['mean', 'median', 'trimmedMean']

/**
 * The application's score from its sheet totals, computed exactly and rounded once: totals that were normalised
 * arrive unrounded, so no 0.01 is lost or gained on the way.
 */
export function aggregate(method: Aggregation, values: readonly number[]): Hundredths | null {
  return method === 'median' ? median(values) : method === 'trimmedMean' ? trimmedMean(values) : mean(values)
}

/** 1234.5 points is 123450 hundredths; shown as "1234.50". */
export function formatPoints(value: Hundredths): string {
  const sign = value < 0 ? '-' : ''
  const abs = Math.abs(value)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** The six scoring bands that guide a percentage (GB/T 19580 / GB/Z 19579). */
export const bands = [
  { from: 0, to: 5 },
  { from: 10, to: 25 },
  { from: 30, to: 45 },
  { from: 50, to: 65 },
  { from: 70, to: 85 },
  { from: 90, to: 100 },
] as const

export function bandOf(percentage: number): number {
  return bands.findIndex((band) => percentage >= band.from && percentage <= band.to)
}

export const percentageOptions: readonly number[] = Array.from({ length: 21 }, (_, i) => i * percentageStep)

export interface ReviewerSheetTotal {
  sheetId: number
  reviewerId: number
  total: Hundredths
}

/**
 * Per-reviewer normalisation: each reviewer's totals across the cycle become z-scores against that reviewer's
 * own mean and spread, rescaled to the mean and spread of all totals of the cycle. A harsh and a lenient
 * reviewer then weigh the same. A reviewer with fewer than two sheets, or whose totals are all equal, has no
 * spread to measure and keeps raw totals. The results are not rounded: the aggregate rounds once (rounding each
 * total first and the aggregate again was off by 0.01 for some applications).
 */
export function normaliseByReviewer(sheets: readonly ReviewerSheetTotal[]): Map<number, number> {
  const result = new Map<number, number>(sheets.map((s) => [s.sheetId, s.total]))
  if (sheets.length < 2) return result
  const all = spread(sheets.map((s) => s.total))
  if (all.sd === 0) return result
  for (const own of groupBy(sheets, (sheet) => sheet.reviewerId).values()) {
    if (own.length < 2) continue
    const mine = spread(own.map((s) => s.total))
    if (mine.sd === 0) continue
    for (const sheet of own) {
      const z = (sheet.total - mine.mean) / mine.sd
      const rescaled = all.mean + z * all.sd
      result.set(sheet.sheetId, Math.min(100_000, Math.max(0, rescaled)))
    }
  }
  return result
}

/** Population mean and standard deviation. */
function spread(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length
  return { mean, sd: Math.sqrt(variance) }
}

/** The final score's weights: whole percentages of the document review, the defence and the site visit. */
export interface StageWeights {
  document: number
  defence: number
  siteVisit: number
}

export const defaultStageWeights: StageWeights = { document: 40, defence: 20, siteVisit: 40 }

export function weightsAreValid(weights: StageWeights): boolean {
  const parts = [weights.document, weights.defence, weights.siteVisit]
  return parts.every((w) => Number.isInteger(w) && w >= 0 && w <= 100) && parts.reduce((a, b) => a + b, 0) === 100
}

export interface StageScores {
  document: Hundredths
  defence: Hundredths
  siteVisit: Hundredths
}

/**
 * The final score (综合得分): the three stages' scores, each as shown (to the hundredth), weighted by the cycle's
 * whole percentages. The weighted sum is an exact integer in ten-thousandths; it is rounded once, half up, to the
 * hundredth, so anyone can recompute it from the terms on the page.
 */
export function weightedScore(scores: StageScores, weights: StageWeights): Hundredths {
  if (!weightsAreValid(weights)) throw new RangeError('weights must be whole percentages summing to 100')
  const sum =
    scores.document * weights.document + scores.defence * weights.defence + scores.siteVisit * weights.siteVisit
  return roundHalfUp(sum / 100)
}

/** The leadership and results categories that break ties (GB/T 19580 codes), in every stage as in document review. */
export const leadershipCode = '4.1'
export const resultsCode = '4.7'

/** A stage's score with the points that break ties, all in hundredths. */
export interface StagePoints {
  total: Hundredths
  results: Hundredths
  leadership: Hundredths
}

export interface PointRow {
  category_code: string
  max_points: number
  percentage: number
}

/** Total and tie-breaker points of one sheet: a defence sheet (per category) or the site-visit sheet (per item). */
export function pointsOf(rows: readonly PointRow[]): StagePoints {
  const scored: ScoredItem[] = rows.map((r) => ({
    categoryCode: r.category_code,
    maxPoints: r.max_points,
    percentage: r.percentage,
  }))
  const categories = categoryTotals(scored)
  return {
    total: sheetTotal(scored),
    results: categories.get(resultsCode) ?? 0,
    leadership: categories.get(leadershipCode) ?? 0,
  }
}
