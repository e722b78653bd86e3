import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type DrawExpert, type DrawInput, drawReviewers } from './draw'
import type { Conflict } from '../experts/conflicts'

const industries = ['electronics', 'manufacturing', 'logistics', 'healthcare']

/** A random pool, random applications and random conflicts between them. */
const drawInputs = fc
  .record({
    experts: fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 500 }), industries: fc.subarray(industries) }), {
      selector: (e) => e.id,
      minLength: 0,
      maxLength: 40,
    }),
    applications: fc.uniqueArray(
      fc.record({
        id: fc.integer({ min: 1, max: 10_000 }),
        industry: fc.constantFrom(...industries),
        needed: fc.integer({ min: 1, max: 5 }),
      }),
      {
        selector: (a) => a.id,
        minLength: 1,
        maxLength: 30,
      },
    ),
    conflictPairs: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 60 }),
    cap: fc.integer({ min: 1, max: 30 }),
    seed: fc.integer(),
  })
  .map(({ experts, applications, conflictPairs, cap, seed }) => {
    const conflicts = new Map<number, Map<number, Conflict[]>>()
    for (const [a, e] of conflictPairs) {
      const application = applications[a % applications.length]!
      if (experts.length === 0) break
      const expert = experts[e % experts.length]!
      const map = conflicts.get(application.id) ?? new Map<number, Conflict[]>()
      map.set(expert.id, [{ kind: 'currentEmployer', name: '同一单位' }])
      conflicts.set(application.id, map)
    }
    const input: DrawInput = {
      experts,
      applications: applications.map((a) => ({ ...a, excluded: new Set<number>() })),
      conflictsOf: (id) => conflicts.get(id) ?? new Map(),
      loads: new Map(),
      cap,
      seed,
    }
    return { input, conflicts }
  })

describe('the random draw of reviewers', () => {
  it('never chooses a conflicted expert, over 1,000 random pools', () => {
    fc.assert(
      fc.property(drawInputs, ({ input, conflicts }) => {
        const result = drawReviewers(input)
        if (!result.ok) return
        for (const draw of result.draws) {
          for (const id of draw.chosen) expect(conflicts.get(draw.applicationId)?.has(id) ?? false).toBe(false)
          // Every conflicted expert of the pool is on the record as excluded, with the reason.
          for (const id of conflicts.get(draw.applicationId)?.keys() ?? []) {
            expect(draw.exclusions).toContainEqual(expect.objectContaining({ expertId: id, reason: 'conflict' }))
          }
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('gives the same choice for the same seed', () => {
    fc.assert(
      fc.property(drawInputs, ({ input }) => {
        expect(drawReviewers(input)).toEqual(drawReviewers({ ...input }))
      }),
      { numRuns: 300 },
    )
  })

  it('chooses the number asked, no expert twice for one application, none past the cap, or refuses naming what is missing', () => {
    fc.assert(
      fc.property(drawInputs, ({ input }) => {
        const result = drawReviewers(input)
        if (!result.ok) {
          expect(result.shortages.length).toBeGreaterThan(0)
          for (const shortage of result.shortages) {
            expect(shortage.missing).toBe(shortage.needed - shortage.available)
            expect(shortage.missing).toBeGreaterThan(0)
          }
          return
        }
        const loads = new Map<number, number>()
        for (const [i, draw] of result.draws.entries()) {
          expect(draw.chosen).toHaveLength(input.applications[i]!.needed)
          expect(new Set(draw.chosen).size).toBe(draw.chosen.length)
          for (const id of draw.chosen) loads.set(id, (loads.get(id) ?? 0) + 1)
        }
        for (const load of loads.values()) expect(load).toBeLessThanOrEqual(input.cap)
      }),
      { numRuns: 1000 },
    )
  })

  it('keeps loads within one of each other where the pool allows (no conflicts, no cap)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 40 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 60 }),
        fc.integer(),
        (poolSize, needs, seed) => {
          const experts: DrawExpert[] = Array.from({ length: poolSize }, (_, i) => ({
            id: i + 1,
            industries: [industries[i % 4]!],
          }))
          const result = drawReviewers({
            experts,
            applications: needs.map((needed, i) => ({
              id: i + 1,
              industry: industries[i % 4]!,
              needed,
              excluded: new Set<number>(),
            })),
            conflictsOf: () => new Map(),
            loads: new Map(),
            cap: 10_000,
            seed,
          })
          expect(result.ok).toBe(true)
          if (!result.ok) return
          const loads = experts.map((e) => result.draws.filter((d) => d.chosen.includes(e.id)).length)
          expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1)
        },
      ),
      { numRuns: 500 },
    )
  })

  it("prefers an expert of the applicant's industry among equally loaded ones", () => {
    const experts = [1, 2, 3, 4, 5, 6].map((id) => ({ id, industries: id <= 3 ? ['logistics'] : ['healthcare'] }))
    for (const seed of [1, 2, 3, 42, 1_000_003]) {
      const result = drawReviewers({
        experts,
        applications: [{ id: 1, industry: 'logistics', needed: 3, excluded: new Set() }],
        conflictsOf: () => new Map(),
        loads: new Map(),
        cap: 5,
        seed,
      })
      expect(result.ok && [...result.draws[0]!.chosen].sort()).toEqual([1, 2, 3])
    }
  })

  it('refuses a pool too small, saying how many experts each application is missing', () => {
    const result = drawReviewers({
      experts: [
        { id: 1, industries: [] },
        { id: 2, industries: [] },
        { id: 3, industries: [] },
      ],
      applications: [{ id: 7, industry: 'logistics', needed: 5, excluded: new Set([3]) }],
      conflictsOf: () => new Map([[1, [{ kind: 'currentEmployer', name: '甲公司' } as const]]]),
      loads: new Map(),
      cap: 20,
      seed: 9,
    })
    expect(result).toEqual({ ok: false, shortages: [{ applicationId: 7, needed: 5, available: 1, missing: 4 }] })
  })

  it('draws differently under different seeds (it is random, not a fixed order)', () => {
    const experts = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, industries: [] }))
    const choices = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
        const result = drawReviewers({
          experts,
          applications: [{ id: 1, industry: 'x', needed: 5, excluded: new Set() }],
          conflictsOf: () => new Map(),
          loads: new Map(),
          cap: 5,
          seed,
        })
        return result.ok ? result.draws[0]!.chosen.join(',') : ''
      }),
    )
    expect(choices.size).toBeGreaterThan(4)
  })
})
