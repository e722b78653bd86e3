import { performance } from 'node:perf_hooks'
process.env.DATABASE_PATH = '/work/main/data/bench/scale.sqlite'
const { getDb } = await import('/work/main/db/client.server')
const { listSubmittedSheetTotals } = await import('/work/main/db/repositories/review')
const { listApplicationsOfCycle } = await import('/work/main/db/repositories/applications')
const db = getDb()
const cycle = await db.selectFrom('cycles').select('id').orderBy('year', 'desc').executeTakeFirstOrThrow()
for (let i = 0; i < 3; i++) {
  let t = performance.now(); const rows = await listSubmittedSheetTotals(db, { cycleId: cycle.id }); console.log('sheet totals', rows.length, (performance.now() - t).toFixed(1))
  t = performance.now(); const apps = await listApplicationsOfCycle(db, cycle.id); console.log('apps', apps.length, (performance.now() - t).toFixed(1))
  t = performance.now(); const slim = await db.selectFrom('applications').select(['id','status','version','category_code','award_type','decision_level_id','organisation_id']).where('cycle_id','=',cycle.id).execute(); console.log('slim apps', slim.length, (performance.now() - t).toFixed(1))
}
