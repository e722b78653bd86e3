/**
 * `npm run bench`: times the expert draw for one category of 2,000 applications from a pool of 300 experts with
 * conflict data (issue 7's target: under 200 ms on this machine), first as the pure computation (conflict index,
 * conflicts of every applicant, the draw), then end to end through the workflow service on a SQLite file (reading
 * the pool, writing the draw record and 10,000 invitations in one transaction). Prints the median and the worst of
 * several runs. Not a test: figures go into the README and the closing note.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { conflictIndex, type ExpertTies } from '../../workflows/experts/conflicts'
import { drawReviewers } from '../../workflows/review/draw'

const applications = 2000
const experts = 300
const perApplication = 5
const runs = 7
const industries = ['manufacturing', 'electronics', 'software', 'finance', 'logistics', 'healthcare']

function organisation(i: number) {
  return { name: `深圳市测试第${i}号有限公司`, uscc: `9144030${String(i).padStart(10, '0')}X` }
}

/** Each expert has an employer and three ties; about one in ten ties names an applicant. */
function pool(): ExpertTies[] {
  return Array.from({ length: experts }, (_, e) => ({
    id: e + 1,
    employerName: e % 10 === 0 ? organisation(e * 7).name : `深圳某大学${e}`,
    employerUscc: null,
    relations: [0, 1, 2].map((k) => ({
      kind: (['formerEmployer', 'consultingClient', 'competitor'] as const)[k]!,
      name: (e + k) % 10 === 0 ? organisation((e * 13 + k) % applications).name : `其他单位${e}-${k}`,
      uscc: null,
      endedOn: k === 0 ? '2025-01-01' : null,
    })),
  }))
}

const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b)
  return { median: sorted[Math.floor(sorted.length / 2)]!, worst: sorted.at(-1)! }
}

function pureDraw(): number {
  const ties = pool()
  const start = performance.now()
  const conflictsWith = conflictIndex(ties, '2026-11-27')
  const conflicts = new Map(Array.from({ length: applications }, (_, i) => [i + 1, conflictsWith(organisation(i))]))
  const result = drawReviewers({
    applications: Array.from({ length: applications }, (_, i) => ({
      id: i + 1,
      industry: industries[i % industries.length]!,
      needed: perApplication,
      excluded: new Set<number>(),
    })),
    experts: ties.map((t, e) => ({
      id: t.id,
      industries: [industries[e % industries.length]!, industries[(e + 2) % industries.length]!],
    })),
    conflictsOf: (id) => conflicts.get(id)!,
    loads: new Map(),
    cap: 40,
    seed: 2026,
  })
  const elapsed = performance.now() - start
  if (!result.ok) throw new Error('the benchmark pool is too small')
  return elapsed
}

async function serviceDraw(): Promise<{ elapsed: number; conflicts: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'award-bench-'))
  process.env.DATABASE_PATH = path.join(dir, 'bench.sqlite')
  const { getDb, closeDb } = await import('../../db/client.server')
  const { migrateToLatest } = await import('../../db/client.server')
  const { createAwardCycle, createStaffAccount } = await import('../../db/factories')
  const { drawForCategory } = await import('../../workflows/review/review.server')
  const { insertApplication } = await import('../../db/repositories/applications')
  const db = getDb()
  await migrateToLatest(db)
  const cycle = await createAwardCycle(db, 2026)
  await db
    .updateTable('cycles')
    .set({ reviewers_per_application: perApplication, expert_load_cap: 40 })
    .where('id', '=', cycle.id)
    .execute()
  const admin = await createStaffAccount(db, {
    role: 'admin',
    name: '秘书处',
    email: 'bench-admin@award.example',
    password: 'bench-password-1',
  })
  const ties = pool()
  await db.transaction().execute(async (trx) => {
    for (const [e, expert] of ties.entries()) {
      const user = await trx
        .insertInto('users')
        .values({
          email: `expert${e}@bench.example`,
          password_hash: '!',
          role: 'reviewer',
          display_name: `专家${e}`,
          organisation_id: null,
          expertise: null,
          created_at: '2026-01-01T00:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const row = await trx
        .insertInto('experts')
        .values({
          user_id: user.id,
          kind: 'examiner',
          fields: '',
          industries: JSON.stringify([industries[e % 6], industries[(e + 2) % 6]]),
          employer_name: expert.employerName,
          employer_uscc: null,
          qualification: '',
          updated_at: '2026-01-01T00:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('expert_relations')
        .values(
          expert.relations.map((r) => ({
            expert_id: row.id,
            kind: r.kind,
            name: r.name,
            uscc: r.uscc,
            ended_on: r.endedOn,
          })),
        )
        .execute()
    }
    for (let i = 0; i < applications; i++) {
      const org = organisation(i)
      const o = await trx
        .insertInto('organisations')
        .values({
          name: org.name,
          uscc: org.uscc,
          contact_person: '联系人',
          phone: '13800138000',
          email: `org${i}@bench.example`,
          created_at: '2026-01-01T00:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      // Through the repository, which keeps the long texts (the profile here) in their own table.
      await insertApplication(trx, {
        cycle_id: cycle.id,
        organisation_id: o.id,
        status: 'documentReview',
        category_code: 'economy',
        award_type: 'organisation',
        profile: JSON.stringify({ industry: industries[i % 6] }),
        snapshot: '{}',
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      } as never)
    }
  })
  const start = performance.now()
  const outcome = await drawForCategory(db, { cycleId: cycle.id, categoryCode: 'economy', actor: admin, seed: 2026 })
  const elapsed = performance.now() - start
  const excluded = await db.selectFrom('draw_entries').select('exclusions').execute()
  const conflicts = excluded.reduce((sum, row) => sum + (JSON.parse(row.exclusions) as unknown[]).length, 0)
  if (!outcome || outcome.chosen.size !== applications)
    throw new Error('the service drew for fewer applications than expected')
  await closeDb()
  fs.rmSync(dir, { recursive: true, force: true })
  return { elapsed, conflicts }
}

const pure = stats(Array.from({ length: runs }, pureDraw))
console.log(
  `draw, pure: ${applications} applications × ${experts} experts, ${perApplication} each: median ${pure.median.toFixed(1)} ms, worst ${pure.worst.toFixed(1)} ms over ${runs} runs (target < 200 ms)`,
)
const service = await serviceDraw()
console.log(
  `draw, through the service on SQLite (read the pool, write the record and ${applications * perApplication} invitations, one transaction): ${service.elapsed.toFixed(0)} ms; ${service.conflicts} exclusions recorded`,
)
