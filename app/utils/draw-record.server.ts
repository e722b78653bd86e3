import type { StoredExclusion } from '#workflows/review/draw.server'

interface DrawRow {
  id: number
  kind: 'draw' | 'redraw'
  seed: number
  per_application: number
  load_cap: number
  candidates: string
  at: string
  actor_name: string | null
  exclusions: string
  chosen: string
}

function parse<T>(json: string, fallback: T): T {
  try {
    return JSON.parse(json) as T
  } catch {
    return fallback
  }
}

/** A draw record as the application's page shows it: names instead of ids, each exclusion with its reason. */
export function drawForPage(draw: DrawRow) {
  const candidates = parse<Array<{ id: number; name: string }>>(draw.candidates, [])
  const nameOf = (id: number) => candidates.find((c) => c.id === id)?.name ?? `#${id}`
  const exclusions = parse<StoredExclusion[]>(draw.exclusions, [])
  return {
    id: draw.id,
    kind: draw.kind,
    seed: draw.seed,
    at: draw.at,
    actorName: draw.actor_name,
    perApplication: draw.per_application,
    loadCap: draw.load_cap,
    candidates: candidates.length,
    exclusions: exclusions.map((e) => ({
      name: nameOf(e.expertId),
      reason: e.reason,
      conflicts: e.reason === 'conflict' ? e.conflicts.map((c) => ({ kind: c.kind, organisation: c.name })) : [],
    })),
    chosen: parse<number[]>(draw.chosen, []).map(nameOf),
  }
}
