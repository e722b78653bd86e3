import type { Hundredths } from './scoring'

/**
 * Ranking within a category: the total decides; ties go to the higher results (4.7) points, then to the
 * higher leadership (4.1) points (domain rules). Entries still equal share a rank.
 */
export interface RankingEntry {
  applicationId: number
  total: Hundredths
  results: Hundredths
  leadership: Hundredths
}

export interface RankedEntry extends RankingEntry {
  rank: number
}

function compare(a: RankingEntry, b: RankingEntry): number {
  return b.total - a.total || b.results - a.results || b.leadership - a.leadership
}

export function rankCategory(entries: readonly RankingEntry[]): RankedEntry[] {
  const sorted = [...entries].sort((a, b) => compare(a, b) || a.applicationId - b.applicationId)
  const ranked: RankedEntry[] = []
  sorted.forEach((entry, index) => {
    const previous = ranked[index - 1]
    const rank = previous && compare(previous, entry) === 0 ? previous.rank : index + 1
    ranked.push({ ...entry, rank })
  })
  return ranked
}
