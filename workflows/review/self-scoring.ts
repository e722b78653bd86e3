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
