/**
 * `npm run seed:scale -- --database <file> [--applications 10000] [--reviewers 100] [--sheets-per-application 5]`
 *
 * A database the size of a busy year, for the benchmark: the demo data (accounts, last year's published cycle),
 * then the current cycle filled with applications in every first-half status and decided ones, each with the
 * snapshot the application machine reaches by its own events and the audit rows of those events, experts'
 * assignments, submitted sheets of 23 item scores with their stored points, and long self-assessments. Rows are
 * written with prepared statements in one transaction: about 1.2 million rows in well under a minute.
 */
import fs from 'node:fs'
import Database from 'better-sqlite3'
import { transition } from 'xstate'
import {
  type ApplicationEvent,
  type ApplicationStatus,
  applicationMachine,
} from '#workflows/application/application.machine'
import { initialApplicationSnapshot, serialiseSnapshot, statusOf } from '#workflows/application/application.snapshot'
import { pointsOf } from '#workflows/review/scoring'
import { organisationKeys } from '#workflows/experts/organisation-keys'
import { closeDb, getDb, migrateToLatest } from './client.server'
import { completeDraftValues, createStaffAccount, makeUscc } from './factories'
import { demoPassword, seedDemo } from './seed'

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} must be a whole number`)
  return value
}

const databaseIndex = process.argv.indexOf('--database')
const file = databaseIndex >= 0 ? process.argv[databaseIndex + 1] : undefined
if (!file) {
  console.error(
    'usage: npm run seed:scale -- --database <file> [--applications 10000] [--reviewers 100] [--sheets-per-application 5]',
  )
  process.exit(2)
}
const applications = option('applications', 10_000)
const reviewerCount = Math.max(option('reviewers', 100), 5)
const sheetsPerApplication = Math.min(option('sheets-per-application', 5), reviewerCount)
const started = Date.now()

for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true })
process.env.DATABASE_PATH = file
const db = getDb()
await migrateToLatest(db)
await seedDemo(db)
for (let i = 6; i <= reviewerCount; i++) {
  await createStaffAccount(db, {
    role: 'reviewer',
    name: `专家${i} Expert ${i}`,
    email: `reviewer${i}@award.example`,
    password: demoPassword,
    industries: ['manufacturing'],
  })
}
await closeDb()

/** The statuses filled, with their share of the applications and the events that reach each from a draft. */
const reason = '规模测试'
const accept: ApplicationEvent = {
  type: 'ACCEPT_ELIGIBILITY',
  creditBlocked: false,
  creditMissing: false,
  openProblems: 0,
}
const complete: ApplicationEvent = {
  type: 'COMPLETE_DOCUMENT_REVIEW',
  submittedSheets: sheetsPerApplication,
  assignedReviewers: sheetsPerApplication,
  minReviewers: 3,
}
const toReview: ApplicationEvent[] = [{ type: 'SUBMIT' }, { type: 'START_ELIGIBILITY_REVIEW' }, accept]
const plan: Array<{ share: number; events: ApplicationEvent[]; sheets: 'none' | 'some' | 'all' }> = [
  { share: 3, events: [], sheets: 'none' },
  { share: 2, events: [{ type: 'SUBMIT' }], sheets: 'none' },
  { share: 3, events: [{ type: 'SUBMIT' }, { type: 'START_ELIGIBILITY_REVIEW' }], sheets: 'none' },
  {
    share: 1,
    events: [{ type: 'SUBMIT' }, { type: 'START_ELIGIBILITY_REVIEW' }, { type: 'RETURN_FOR_CORRECTION', reason }],
    sheets: 'none',
  },
  {
    share: 1,
    events: [{ type: 'SUBMIT' }, { type: 'START_ELIGIBILITY_REVIEW' }, { type: 'REJECT_INELIGIBLE', reason }],
    sheets: 'none',
  },
  { share: 1, events: [{ type: 'WITHDRAW', reason }], sheets: 'none' },
  { share: 9, events: toReview, sheets: 'some' },
  { share: 70, events: [...toReview, complete], sheets: 'all' },
  {
    share: 10,
    events: [...toReview, complete, { type: 'DECIDE', awarded: false, needsConsensus: false, hasConsensus: false }],
    sheets: 'all',
  },
]

/** Each planned path run through the machine once: the snapshot it persists and the audit row of each step. */
const paths = plan.map((entry) => {
  let snapshot = initialApplicationSnapshot()
  const steps: Array<{ from: ApplicationStatus; to: ApplicationStatus; event: string; reason: string | null }> = []
  for (const event of entry.events) {
    if (!snapshot.can(event)) throw new Error(`the machine refuses ${event.type} in ${statusOf(snapshot)}`)
    const [next] = transition(applicationMachine, snapshot, event)
    steps.push({
      from: statusOf(snapshot),
      to: statusOf(next),
      event: event.type,
      reason: 'reason' in event ? (event.reason ?? null) : null,
    })
    snapshot = next
  }
  return { ...entry, status: statusOf(snapshot), snapshot: serialiseSnapshot(snapshot), steps }
})
const totalShare = plan.reduce((sum, entry) => sum + entry.share, 0)
const pathOf = (i: number) => {
  const slot = (i * 7919) % totalShare // spread the statuses through the id range, as real ones are
  let acc = 0
  return paths.find((p) => (acc += p.share) > slot)!
}

const raw = new Database(file)
raw.pragma('journal_mode = WAL')
raw.pragma('foreign_keys = ON')
const cycle = raw.prepare('select id, year from cycles order by year desc limit 1').get() as {
  id: number
  year: number
}
// A plain cycle for the benchmark: scored entries go straight to the committee.
raw.prepare('update cycles set shortlist_size = null where id = ?').run(cycle.id)
const items = raw
  .prepare(
    `select i.id, i.points, c.code as category_code from criteria_items i join criteria_categories c on c.id = i.category_id
     join cycles y on y.edition_id = c.edition_id where y.id = ? order by c.position, i.position`,
  )
  .all(cycle.id) as Array<{ id: number; points: number; category_code: string }>
const reviewers = raw.prepare("select id from users where role = 'reviewer' order by id").all() as Array<{ id: number }>
const admin = raw.prepare("select id from users where email = 'secretariat@award.example'").get() as { id: number }
const passwordHash = (
  raw.prepare("select password_hash from users where email = 'reviewer1@award.example'").get() as {
    password_hash: string
  }
).password_hash

const values = completeDraftValues()
// A self-assessment of the length real ones have (about 26 KB over the seven sections).
const longSections = values.selfAssessment.sections.map(
  (section, i) => `${section}\n${`第${i + 1}部分：方法、展开、学习、整合的说明与数据。`.repeat(60)}`,
)
const profile = JSON.stringify(values.profile)
const declarations = JSON.stringify(values.declarations)
const selfAssessment = JSON.stringify({ sections: longSections })
const categories = ['economy', 'culture', 'society', 'ecology', 'management', 'service']

const insertOrganisation = raw.prepare(
  'insert into organisations (name, uscc, name_key, uscc_key, contact_person, phone, email, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
)
const insertUser = raw.prepare(
  "insert into users (email, password_hash, role, display_name, organisation_id, expertise, created_at) values (?, ?, 'applicant', ?, ?, null, ?)",
)
const insertApplication = raw.prepare(
  `insert into applications (cycle_id, organisation_id, status, snapshot, version, category_code, award_type, project_name,
   last_step, submitted_at, decision_level_id, decision_reason, notice_ends_at, correction_due_date, created_at, updated_at)
   values (?, ?, ?, ?, ?, ?, 'organisation', null, 'summary', ?, null, null, null, ?, ?, ?)`,
)
const insertTexts = raw.prepare(
  'insert into application_texts (application_id, profile, declarations, self_assessment) values (?, ?, ?, ?)',
)
const insertAudit = raw.prepare(
  'insert into audit_log (entity, entity_id, actor_user_id, at, from_state, to_state, event, reason) values (?, ?, ?, ?, ?, ?, ?, ?)',
)
const insertAssignment = raw.prepare(
  'insert into assignments (application_id, reviewer_id, assigned_by, assigned_at, status, version, responded_at) values (?, ?, ?, ?, ?, 3, ?)',
)
const insertSheet = raw.prepare(
  "insert into score_sheets (assignment_id, status, version, updated_at, submitted_at, total, results, leadership) values (?, 'submitted', 2, ?, ?, ?, ?, ?)",
)
const insertItem = raw.prepare('insert into item_scores (sheet_id, item_id, percentage) values (?, ?, ?)')

let sheets = 0
let itemRows = 0
const at = new Date().toISOString()
raw.transaction(() => {
  for (let i = 0; i < applications; i++) {
    const name = `规模测试企业${String(i + 1).padStart(5, '0')}有限公司`
    const uscc = makeUscc(200_000 + i)
    const keys = organisationKeys(name, uscc)
    const organisationId = Number(
      insertOrganisation.run(
        name,
        uscc,
        keys.name,
        keys.uscc,
        '联系人',
        '0755-86000000',
        `scale${i + 1}@scale.example`,
        at,
      ).lastInsertRowid,
    )
    if (i < 200) insertUser.run(`scale${i + 1}@scale.example`, passwordHash, name, organisationId, at)
    const path = pathOf(i)
    const submitted = path.steps.some((s) => s.event === 'SUBMIT') ? at : null
    const correctionDue = path.status === 'returned' ? at.slice(0, 10) : null
    const applicationId = Number(
      insertApplication.run(
        cycle.id,
        organisationId,
        path.status,
        path.snapshot,
        1 + path.steps.length,
        categories[i % categories.length],
        submitted,
        correctionDue,
        at,
        at,
      ).lastInsertRowid,
    )
    insertTexts.run(applicationId, profile, declarations, selfAssessment)
    insertAudit.run('application', applicationId, null, at, null, 'draft', 'CREATE', null)
    for (const step of path.steps)
      insertAudit.run('application', applicationId, admin.id, at, step.from, step.to, step.event, step.reason)
    if (path.sheets === 'none') continue
    // Each application's experts in turn through the pool: every expert, reviewer1 included, holds about
    // applications × sheets ÷ reviewers assignments (500 at the defaults).
    const base = 40 + ((i * 37) % 50)
    for (let k = 0; k < sheetsPerApplication; k++) {
      const reviewer = reviewers[(i * sheetsPerApplication + k) % reviewers.length]!
      const done = path.sheets === 'all' || k < 2
      const assignmentId = Number(
        insertAssignment.run(applicationId, reviewer.id, admin.id, at, done ? 'submitted' : 'accepted', at)
          .lastInsertRowid,
      )
      if (!done) continue
      const percentages = items.map((_, n) =>
        Math.max(0, Math.min(100, Math.round((base + ((i + k * 3 + n) % 5) * 5 - 10) / 5) * 5)),
      )
      const points = pointsOf(
        items.map((item, n) => ({
          category_code: item.category_code,
          max_points: item.points,
          percentage: percentages[n]!,
        })),
      )
      const sheetId = Number(
        insertSheet.run(assignmentId, at, at, points.total, points.results, points.leadership).lastInsertRowid,
      )
      for (const [n, item] of items.entries()) insertItem.run(sheetId, item.id, percentages[n]!)
      sheets++
      itemRows += items.length
    }
  }
})()
raw.close()
// The stored standings, through the app's own function, as the sheets' submissions would have left them.
{
  const { refreshCycleStandings } = await import('#workflows/review/standings.server')
  const again = getDb()
  await again.transaction().execute((trx) => refreshCycleStandings(trx, cycle.id))
  await closeDb()
}
const tidy = new Database(file)
tidy.pragma('wal_checkpoint(TRUNCATE)')
tidy.exec('analyze')
tidy.close()
const seconds = ((Date.now() - started) / 1000).toFixed(1)
console.log(
  `${file}: ${applications} applications, ${reviewerCount} reviewers, ${sheets} sheets, ${itemRows} item scores in ${seconds} s`,
)
