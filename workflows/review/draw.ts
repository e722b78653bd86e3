import { uniformInt } from 'pure-rand/distribution/uniformInt'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'
import type { Conflict } from '../experts/conflicts'

/**
 * The random draw of reviewers (专家抽取): a pure function of the candidates, their conflicts, their loads and a
 * seed, so that a stored draw can be re-run and checked. Never a conflicted expert; among the others, the least
 * loaded first (loads stay within one of each other wherever the pool allows), an expert of the applicant's
 * industry before one who is not, and chance between equals. A pool too small for any application refuses the
 * whole draw, naming how many experts are missing: never a partial, silent draw.
 */

export interface DrawExpert {
  id: number
  industries: readonly string[]
}

export interface DrawApplication {
  id: number
  industry: string
  /** How many experts this application still needs. */
  needed: number
  /** Experts already assigned to it, or who have left it (declined, recused, removed): never drawn again for it. */
  excluded: ReadonlySet<number>
  /**
   * Experts who declared a conflict with this applicant at an earlier stage (a recusal from its document review):
   * a declared conflict follows the expert to the defence panel and the site-visit team.
   */
  declaredConflicts?: ReadonlySet<number>
  /** Experts on another panel at the same time (a defence slot that overlaps): never drawn for this one. */
  busy?: ReadonlySet<number>
  /** Experts who said they cannot attend on the day of this defence or site visit. */
  unavailable?: ReadonlySet<number>
}

export interface DrawInput {
  applications: readonly DrawApplication[]
  /** The active experts of the pool. */
  experts: readonly DrawExpert[]
  /** The experts in conflict with an application, with why. */
  conflictsOf: (applicationId: number) => ReadonlyMap<number, readonly Conflict[]>
  /** Assignments each expert already holds in the cycle. */
  loads: ReadonlyMap<number, number>
  /** The most assignments one expert may hold in the cycle. */
  cap: number
  /** Experts left out of every application of this draw because their account is not activated (the cycle's setting). */
  notActivated?: ReadonlySet<number>
  /** Experts the cycle leaves out for a rating below its threshold (their last cycle's rating by the secretariat). */
  belowRating?: ReadonlySet<number>
  seed: number
}

export type Exclusion =
  | { expertId: number; reason: 'conflict'; conflicts: readonly Conflict[] }
  | {
      expertId: number
      reason:
        'notActivated' | 'belowRating' | 'declaredConflict' | 'alreadyOnApplication' | 'busy' | 'unavailable' | 'atCap'
    }

export interface ApplicationDraw {
  applicationId: number
  exclusions: Exclusion[]
  chosen: number[]
}

export type DrawResult =
  | { ok: true; draws: ApplicationDraw[] }
  | { ok: false; shortages: Array<{ applicationId: number; needed: number; available: number; missing: number }> }

/** A fresh seed for a draw: 32 random bits, stored with the draw so that it can be replayed. */
export function drawSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!
}

export function drawReviewers(input: DrawInput): DrawResult {
  const rng = xoroshiro128plus(input.seed | 0)
  const loads = new Map(input.loads)
  const draws: ApplicationDraw[] = []
  const shortages: Array<{ applicationId: number; needed: number; available: number; missing: number }> = []
  for (const application of input.applications) {
    const conflicts = input.conflictsOf(application.id)
    const exclusions: Exclusion[] = []
    // The eligible experts in buckets of equal (load, industry match): buckets are taken in order, and within the
    // last one needed the choice is by chance (a partial shuffle), so no full sort of the pool per application.
    const buckets = new Map<number, number[]>()
    let eligible = 0
    for (const expert of input.experts) {
      const conflicted = conflicts.get(expert.id)
      const load = loads.get(expert.id) ?? 0
      if (input.notActivated?.has(expert.id)) exclusions.push({ expertId: expert.id, reason: 'notActivated' })
      else if (input.belowRating?.has(expert.id)) exclusions.push({ expertId: expert.id, reason: 'belowRating' })
      else if (conflicted && conflicted.length > 0)
        exclusions.push({ expertId: expert.id, reason: 'conflict', conflicts: conflicted })
      else if (application.declaredConflicts?.has(expert.id))
        exclusions.push({ expertId: expert.id, reason: 'declaredConflict' })
      else if (application.excluded.has(expert.id))
        exclusions.push({ expertId: expert.id, reason: 'alreadyOnApplication' })
      else if (application.busy?.has(expert.id)) exclusions.push({ expertId: expert.id, reason: 'busy' })
      else if (application.unavailable?.has(expert.id)) exclusions.push({ expertId: expert.id, reason: 'unavailable' })
      else if (load >= input.cap) exclusions.push({ expertId: expert.id, reason: 'atCap' })
      else {
        const key = load * 2 + (expert.industries.includes(application.industry) ? 0 : 1)
        const bucket = buckets.get(key)
        if (bucket) bucket.push(expert.id)
        else buckets.set(key, [expert.id])
        eligible++
      }
    }
    if (eligible < application.needed) {
      shortages.push({
        applicationId: application.id,
        needed: application.needed,
        available: eligible,
        missing: application.needed - eligible,
      })
      continue
    }
    const chosen: number[] = []
    for (const key of [...buckets.keys()].sort((a, b) => a - b)) {
      const bucket = buckets.get(key)!
      const wanted = application.needed - chosen.length
      if (wanted === 0) break
      if (bucket.length <= wanted) {
        chosen.push(...bucket)
        continue
      }
      // Partial Fisher–Yates: the first `wanted` places of the bucket are filled at random.
      for (let i = 0; i < wanted; i++) {
        const j = uniformInt(rng, i, bucket.length - 1)
        ;[bucket[i], bucket[j]] = [bucket[j]!, bucket[i]!]
        chosen.push(bucket[i]!)
      }
    }
    for (const id of chosen) loads.set(id, (loads.get(id) ?? 0) + 1)
    draws.push({ applicationId: application.id, exclusions, chosen })
  }
  return shortages.length > 0 ? { ok: false, shortages } : { ok: true, draws }
}
