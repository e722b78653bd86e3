import type { Conflict } from '../experts/conflicts'
import { type DrawApplication, drawReviewers, type Exclusion } from './draw'

/** A draw as its record holds it: the `draws` row and its `draw_entries` rows, nothing else. */
export interface DrawRecord {
  seed: number
  load_cap: number
  /** JSON: the candidates in the order the draw saw them, each with industries and load. */
  candidates: string
  entries: ReadonlyArray<{
    application_id: number
    industry: string | null
    needed: number | null
    /** JSON: Exclusion[] */
    exclusions: string
    /** JSON: number[] */
    chosen: string
  }>
}

export type Replay =
  | { replayable: false }
  | { replayable: true; matches: boolean; chosen: Map<number, number[]>; recorded: Map<number, number[]> }

interface StoredCandidate {
  id: number
  industries?: string[]
  load?: number
}

/**
 * Re-runs a draw from its record alone (issue 17): the candidates in their order with their industries and loads,
 * each application's industry, need and exclusions (already on it, declared conflicts, busy, computed conflicts with
 * their reasons), the cap and the seed go back into the same pure draw function, and what it chooses is compared
 * with what was recorded. A record made before the inputs were stored (0038) is not replayable.
 */
export function replayDraw(record: DrawRecord): Replay {
  const candidates = JSON.parse(record.candidates) as StoredCandidate[]
  if (candidates.some((c) => !Array.isArray(c.industries) || typeof c.load !== 'number')) return { replayable: false }
  if (record.entries.some((e) => e.industry === null || e.needed === null)) return { replayable: false }
  const entries = [...record.entries].sort((a, b) => a.application_id - b.application_id)
  const conflicts = new Map<number, Map<number, readonly Conflict[]>>()
  const applications: DrawApplication[] = entries.map((entry) => {
    const exclusions = JSON.parse(entry.exclusions) as Exclusion[]
    const ids = (reason: Exclusion['reason']) =>
      new Set(exclusions.filter((e) => e.reason === reason).map((e) => e.expertId))
    conflicts.set(
      entry.application_id,
      new Map(exclusions.flatMap((e) => (e.reason === 'conflict' ? [[e.expertId, e.conflicts] as const] : []))),
    )
    return {
      id: entry.application_id,
      industry: entry.industry!,
      needed: entry.needed!,
      excluded: ids('alreadyOnApplication'),
      declaredConflicts: ids('declaredConflict'),
      busy: ids('busy'),
    }
  })
  const notActivated = new Set(
    entries.flatMap((entry) =>
      (JSON.parse(entry.exclusions) as Exclusion[]).filter((e) => e.reason === 'notActivated').map((e) => e.expertId),
    ),
  )
  const result = drawReviewers({
    applications,
    notActivated,
    experts: candidates.map((c) => ({ id: c.id, industries: c.industries! })),
    conflictsOf: (id) => conflicts.get(id) ?? new Map(),
    loads: new Map(candidates.map((c) => [c.id, c.load!])),
    cap: record.load_cap,
    seed: record.seed,
  })
  const recorded = new Map(entries.map((e) => [e.application_id, JSON.parse(e.chosen) as number[]]))
  const chosen = new Map(result.ok ? result.draws.map((d) => [d.applicationId, d.chosen]) : [])
  const matches =
    result.ok &&
    recorded.size === chosen.size &&
    [...recorded].every(([id, experts]) => JSON.stringify(chosen.get(id)) === JSON.stringify(experts))
  return { replayable: true, matches, chosen, recorded }
}

/** A panel or team draw's record (`panel_draws`): one application's entry, replayed the same way. */
export function replayPanelDraw(record: {
  application_id: number
  seed: number
  load_cap: number | null
  industry: string | null
  needed: number | null
  candidates: string
  exclusions: string
  chosen: string
}): Replay {
  if (record.load_cap === null) return { replayable: false }
  return replayDraw({
    seed: record.seed,
    load_cap: record.load_cap,
    candidates: record.candidates,
    entries: [
      {
        application_id: record.application_id,
        industry: record.industry,
        needed: record.needed,
        exclusions: record.exclusions,
        chosen: record.chosen,
      },
    ],
  })
}
