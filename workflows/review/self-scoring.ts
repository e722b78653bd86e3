import { formatPoints, type Hundredths, median } from './scoring'

/**
 * Self-scoring against the experts (issue 23): the applicant may score itself per item in the self-assessment, in
 * the experts' own 5 % steps; after publication the feedback report sets each self-score beside the experts' median
 * and spread for the item, the largest gaps first, and per category the points each would give. The gap is in
 * percentage points of the item (self − experts' median): positive where the applicant rated itself higher.
 */

export interface SelfScoredItem {
  categoryCode: string
  code: string
  name_zh: string
  name_en: string
  /** The item's full points. */
  points: number
  /** The applicant's percentage, or null where it did not score itself. */
  self: number | null
  /** The percentages of the experts' submitted sheets for the item. */
  experts: readonly number[]
}

export interface SelfScoreGap {
  categoryCode: string
  code: string
  name_zh: string
  name_en: string
  self: number
  /** The experts' median percentage (a whole percent, rounded half up). */
  median: number
  min: number
  max: number
  gap: number
}

export interface CategoryGap {
  code: string
  /** Points (formatted, two decimals) from the self-scores and from the experts' medians, items scored by both. */
  selfPoints: string
  expertPoints: string
  gapPoints: string
}

export interface SelfScoreComparison {
  items: SelfScoreGap[]
  categories: CategoryGap[]
  /** The mean absolute gap over the compared items, in percentage points (one decimal), for the cycle's analytics. */
  meanAbsoluteGap: number
}

/** The comparison, or null when the applicant scored nothing the experts also scored. */
export function compareSelfScores(items: readonly SelfScoredItem[]): SelfScoreComparison | null {
  const compared: SelfScoreGap[] = []
  for (const item of items) {
    const middle = median(item.experts)
    if (item.self === null || middle === null) continue
    compared.push({
      categoryCode: item.categoryCode,
      code: item.code,
      name_zh: item.name_zh,
      name_en: item.name_en,
      self: item.self,
      median: middle,
      min: Math.min(...item.experts),
      max: Math.max(...item.experts),
      gap: item.self - middle,
    })
  }
  if (compared.length === 0) return null
  const pointsOf = new Map(items.map((item) => [item.code, item.points]))
  const categories: CategoryGap[] = []
  for (const code of [...new Set(compared.map((c) => c.categoryCode))]) {
    const rows = compared.filter((c) => c.categoryCode === code)
    // Percentage × full points is hundredths of a point, exactly (the median is a whole percent).
    const self: Hundredths = rows.reduce((sum, r) => sum + r.self * pointsOf.get(r.code)!, 0)
    const experts: Hundredths = rows.reduce((sum, r) => sum + r.median * pointsOf.get(r.code)!, 0)
    categories.push({
      code,
      selfPoints: formatPoints(self),
      expertPoints: formatPoints(experts),
      gapPoints: `${self >= experts ? '+' : ''}${formatPoints(self - experts)}`,
    })
  }
  const totalGap = compared.reduce((sum, c) => sum + Math.abs(c.gap), 0)
  return {
    items: [...compared].sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap) || a.code.localeCompare(b.code)),
    categories,
    meanAbsoluteGap: Math.round((totalGap / compared.length) * 10) / 10,
  }
}

/** The applicant's stored self-scores (strings, in the edition's item order) as percentages, null where empty. */
export function readSelfScores(stored: readonly string[], itemCount: number): Array<number | null> {
  return Array.from({ length: itemCount }, (_, i) => {
    const value = stored[i]
    return value === undefined || value === '' ? null : Number(value)
  })
}

/**
 * An applicant's self-assessed total (hundredths of a point, the 1,000-point scale of the experts' sheets): the sum of
 * each item's points times its self-score. Null unless every item was self-scored: a partial total would read as a
 * low one. Kept at submission (application_self_totals) for the cycle's analytics.
 */
export function selfTotal(
  stored: readonly string[],
  items: ReadonlyArray<{ points: number }>,
): { itemsScored: number; points: Hundredths | null } {
  const self = readSelfScores(stored, items.length)
  const itemsScored = self.filter((value) => value !== null).length
  if (itemsScored < items.length || items.length === 0) return { itemsScored, points: null }
  return { itemsScored, points: items.reduce((sum, item, i) => sum + item.points * self[i]!, 0) }
}

/** How far a self-assessed total may be from the experts' and still count as judged right: 50 points (5 %). */
export const judgedRightWithin: Hundredths = 5_000

export interface SelfJudgementRow {
  categoryCode: string
  selfPoints: Hundredths
  expertPoints: Hundredths
}

export interface SelfJudgement {
  /** The category; null for the whole cycle. */
  categoryCode: string | null
  applicants: number
  /** Means, formatted with two decimals. */
  meanSelf: string
  meanExperts: string
  /** Self minus experts, on average: positive where applicants rated themselves higher. */
  meanGap: string
  /** Applicants whose self-assessed total was above the experts' by more than judgedRightWithin, within it, below. */
  over: number
  within: number
  under: number
}

/**
 * How well applicants judged themselves across the cycle, per category and overall (categoryCode null, last):
 * applicants who self-scored every item and have the experts' document-review score.
 */
export function selfJudgement(rows: readonly SelfJudgementRow[]): SelfJudgement[] {
  const summarise = (categoryCode: string | null, group: readonly SelfJudgementRow[]): SelfJudgement => {
    const mean = (pick: (row: SelfJudgementRow) => number) =>
      formatPoints(Math.round(group.reduce((sum, row) => sum + pick(row), 0) / group.length))
    const gaps = group.map((row) => row.selfPoints - row.expertPoints)
    return {
      categoryCode,
      applicants: group.length,
      meanSelf: mean((row) => row.selfPoints),
      meanExperts: mean((row) => row.expertPoints),
      meanGap: mean((row) => row.selfPoints - row.expertPoints),
      over: gaps.filter((gap) => gap > judgedRightWithin).length,
      within: gaps.filter((gap) => Math.abs(gap) <= judgedRightWithin).length,
      under: gaps.filter((gap) => gap < -judgedRightWithin).length,
    }
  }
  const byCategory = new Map<string, SelfJudgementRow[]>()
  for (const row of rows) byCategory.set(row.categoryCode, [...(byCategory.get(row.categoryCode) ?? []), row])
  const categories = [...byCategory.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, group]) => summarise(code, group))
  return rows.length === 0 ? [] : [...categories, summarise(null, rows)]
}
