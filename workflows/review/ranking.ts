import type { Hundredths } from './scoring'

/**
 * Ranking within a category: the total decides; ties go to the higher results (4.7) points, then to the
 * higher leadership (4.1) points (domain rules). Entries still equal share a rank.
 */
export interface RankingEntry {
  applicationId: number
  /** A higher tier ranks first whatever the totals: applications with a final score before those with a document score only. */
  tier?: number
  total: Hundredths
  results: Hundredths
  leadership: Hundredths
}

export interface RankedEntry extends RankingEntry {
  rank: number
}

function compare(a: RankingEntry, b: RankingEntry): number {
  return (b.tier ?? 0) - (a.tier ?? 0) || b.total - a.total || b.results - a.results || b.leadership - a.leadership
}

export function rankCategory(entries: readonly RankingEntry[]): RankedEntry[] {
  const sorted = [...entries].sort((a, b) => compare(a, b) || a.applicationId - b.applicationId)
  const ranked: RankedEntry[] = []
  sorted.forEach((entry, index) => {
    const previous = ranked[index - 1]
    const rank = previous && compare(previous, entry) === 0 ? previous.rank : index + 1
    // Spelled out rather than spread: thousands of entries a ranking.
    ranked.push({
      applicationId: entry.applicationId,
      tier: entry.tier,
      total: entry.total,
      results: entry.results,
      leadership: entry.leadership,
      rank,
    })
  })
  return ranked
}

export interface DecidedPlace {
  applicationId: number
  rank: number
  /** The level's order (1 = the highest level) when awarded, null when not awarded; undefined while undecided. */
  levelOrder: number | null | undefined
}

/** Higher is a stronger result: any level beats none, and a lower order number beats a higher one. */
function strength(levelOrder: number | null): number {
  return levelOrder === null ? 0 : 1000 - levelOrder
}

/**
 * Whether deciding `levelOrder` for one application departs from the ranking of its category: it would get a
 * stronger result than an application ranked above it, or a weaker one than an application ranked below it
 * (among those already decided). Such a decision needs a reason on the record (domain rules: the committee's
 * decision is recorded with its reason where it departs from the ranking).
 */
export function departsFromRanking(
  places: readonly DecidedPlace[],
  applicationId: number,
  levelOrder: number | null,
): boolean {
  const self = places.find((place) => place.applicationId === applicationId)
  if (!self) return false
  const mine = strength(levelOrder)
  return places.some((other) => {
    if (other.applicationId === applicationId || other.levelOrder === undefined || other.rank === self.rank)
      return false
    const theirs = strength(other.levelOrder)
    return other.rank < self.rank ? mine > theirs : mine < theirs
  })
}
