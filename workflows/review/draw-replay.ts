import type { Exclusion } from './draw'
import { ledgerRecord, replayLedgerRecord } from './draw-ledger'

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
 * each application's industry, need and exclusions (already on it, declared conflicts, busy, not activated,
 * computed conflicts with their reasons), the cap and the seed go back into the same pure draw function, and what
 * it chooses is compared with what was recorded. The record is read as the public ledger's (ids as its codes), so
 * one replay serves both. A record made before the inputs were stored (0038) is not replayable.
 */
export function replayDraw(record: DrawRecord): Replay {
  const candidates = JSON.parse(record.candidates) as StoredCandidate[]
  if (candidates.some((c) => !Array.isArray(c.industries) || typeof c.load !== 'number')) return { replayable: false }
  if (record.entries.some((e) => e.industry === null || e.needed === null)) return { replayable: false }
  // The order the draw went through the applications in: by id, as it was given them.
  const entries = [...record.entries].sort((a, b) => a.application_id - b.application_id)
  const replay = replayLedgerRecord(
    ledgerRecord(
      {
        year: 0,
        kind: 'draw',
        at: '',
        seed: record.seed,
        cap: record.load_cap,
        candidates: candidates.map((c) => ({ id: c.id, industries: c.industries!, load: c.load! })),
        entries: entries.map((e) => ({
          applicationId: e.application_id,
          industry: e.industry!,
          needed: e.needed!,
          exclusions: JSON.parse(e.exclusions) as Exclusion[],
          chosen: JSON.parse(e.chosen) as number[],
        })),
      },
      { expert: String, application: String },
    ),
  )
  const recorded = new Map(entries.map((e) => [e.application_id, JSON.parse(e.chosen) as number[]]))
  const chosen = new Map(
    (replay?.chosen ?? []).map((codes, i) => [entries[i]!.application_id, codes.map(Number)] as const),
  )
  return { replayable: true, matches: replay?.matches ?? false, chosen, recorded }
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
