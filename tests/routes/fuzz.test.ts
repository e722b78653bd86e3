import { describe, expect, it } from 'vitest'
import { createApplicantAccount, createCompleteDraft } from '../../db/factories'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { startPublicNotice } from '../../workflows/cycle/cycle.server'
import * as account from '~/routes/account'
import * as adminApplication from '~/routes/admin.applications.$id/route'
import * as calendar from '~/routes/admin.calendar'
import * as adminCycle from '~/routes/admin.cycle'
import * as ranking from '~/routes/admin.ranking'
import * as experts from '~/routes/admin.experts._index'
import * as forgot from '~/routes/password.forgot'
import * as cycles from '~/routes/admin.cycles'
import * as progress from '~/routes/admin.experts.progress'
import * as applicantView from '~/routes/applicant.applications.$id._index'
import * as applicantEdit from '~/routes/applicant.applications.$id.edit.$step/route'
import * as attachments from '~/routes/applicant.applications.$id.attachments'
import * as healthz from '~/routes/healthz'
import * as login from '~/routes/login'
import * as logout from '~/routes/logout'
import * as noticeForm from '~/routes/notice.$id'
import * as register from '~/routes/register'
import * as reviewSheet from '~/routes/review.applications.$id'
import * as defenceSheet from '~/routes/review.defence.$id'
import * as siteVisitSheet from '~/routes/review.site-visit.$id'
import * as inbox from '~/routes/inbox'
import * as desk from '~/routes/admin._index'
import { listPanel } from '../../db/repositories/stages'
import {
  confirmSlot,
  decideLevel,
  inDocumentReview,
  shortlistEconomy,
  slotHasCome,
  submitSheet,
  throughSecondHalf,
  world,
} from '../integration/helpers'
import { args, csrfCookieHeader, csrfToken, origin, respond, sessionCookieHeader } from './http'

/**
 * Every state-changing action, anonymous ones included, takes generated bodies built to break a form parser:
 * prototype keys, keys that reach built-ins (`toString.call`), deep and bracketed names, huge numbers, invalid
 * UTF-8, repeated keys, long values. None may answer 5xx, and the process must stay healthy afterwards.
 */

const bodiesPerAction = 1000

/** A small seeded generator (mulberry32), so a failure can be replayed from its seed. */
function generator(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!
  return { next, int, pick }
}

const hostileKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'toString.call',
  'hasOwnProperty.call',
  'valueOf.call',
  '__proto__.polluted',
  'constructor.prototype.polluted',
  'a.__proto__.b',
  'a.constructor.prototype',
  'finances.__proto__',
  'finances.length',
  'finances.push',
  'sections.length',
  'sections.999999',
  'sections.-1',
  'a[b][c]',
  'a[__proto__][x]',
  'a]]][[[',
  '[]',
  '.',
  '..',
  'a..b',
  'x.'.repeat(40) + 'x',
  '0',
  '0.0.0',
  'length',
  'csrf',
  'intent',
  'version',
  '\u0000',
  '名称',
  '%',
  '%zz',
]

const hostileValues = [
  '',
  ' ',
  '0',
  '-1',
  '1e400',
  '9'.repeat(400),
  '-0',
  'NaN',
  'Infinity',
  '0x10',
  '1.5',
  '2',
  '100',
  '105',
  'true',
  'null',
  'undefined',
  '[object Object]',
  '{"a":1}',
  '<script>alert(1)</script>',
  '=HYPERLINK("x")',
  '深圳市南山区',
  '😀'.repeat(50),
  'a'.repeat(5000),
  '\r\n',
  '\t',
  'yes',
  'no',
  'gold',
  'economy',
  'project',
  'organisation',
  '2024-02-30',
  '1990-01-01',
  '91440300MA5FXXXX0X',
  'x@example.com',
  // intents, so that generated bodies reach every handler
  'draw',
  'removeAssignment',
  'assign',
  'drawCategory',
  'remind',
  'approve',
  'publish',
  'startNotice',
  'shortlist',
  'accept',
  'conflict',
  'decline',
  'recuse',
  'submit',
  'draft',
]

/** Percent-escapes that do not decode to UTF-8, and raw bytes that are not UTF-8. */
const brokenEscapes = ['%FF', '%C3%28', '%E2%82', '%', '%z', '%%', '%F0%9F%98']

function encode(text: string): string {
  return encodeURIComponent(text)
}

function makeBody(random: ReturnType<typeof generator>, realFields: readonly string[], version: number): Blob | string {
  const pairs: string[] = [`csrf=${csrfToken}`]
  const count = 1 + random.int(12)
  for (let i = 0; i < count; i++) {
    const key =
      random.next() < 0.45
        ? random.pick(realFields)
        : random.next() < 0.7
          ? random.pick(hostileKeys)
          : `${random.pick(realFields)}.${random.pick(hostileKeys)}`
    const value = random.next() < 0.3 ? String(version) : random.pick(hostileValues)
    let pair = `${encode(key)}=${encode(value)}`
    if (random.next() < 0.1) pair += random.pick(brokenEscapes)
    if (random.next() < 0.05) pair = `${random.pick(brokenEscapes)}=${random.pick(brokenEscapes)}`
    pairs.push(pair)
    if (random.next() < 0.1) pairs.push(pair) // repeated keys
  }
  if (random.next() < 0.2) pairs.push(`version=${version}`)
  const text = pairs.join('&')
  if (random.next() < 0.1) {
    // Raw bytes that are not UTF-8 at all, in a key or a value.
    return new Blob([text + '&', new Uint8Array([0xff, 0xfe, 0x3d, 0xc3, 0x28, 0x80])])
  }
  return text
}

interface Target {
  name: string
  path: string
  params: Record<string, string>
  cookie: string
  fields: readonly string[]
  /** The version a well-behaved form would carry, so some bodies get past the version check. */
  version: () => Promise<number>
  run: (a: ReturnType<typeof args>) => Promise<unknown>
}

function request(target: Target, body: Blob | string): Request {
  return new Request(origin + target.path, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: target.cookie,
      origin,
      'sec-fetch-site': 'same-origin',
    },
  })
}

async function targets(): Promise<Target[]> {
  // The notice is one act for its cycle and ends that cycle's intake: the proposed winner is on notice in a cycle
  // of its own, made first (a world's experts are the active pool, so the main world comes after it).
  const noticeWorld = await world()
  const decided = await inDocumentReview(noticeWorld, noticeWorld.otherApplicant)
  for (const reviewer of noticeWorld.reviewers.slice(0, 3)) await submitSheet(noticeWorld, decided.id, reviewer, 85)
  await decideLevel(noticeWorld, decided.id, 'gold', '')
  await startPublicNotice(noticeWorld.db, { cycleId: noticeWorld.cycle.id, actor: noticeWorld.admin })
  const w = await world()
  const csrf = await csrfCookieHeader()
  const as = async (userId: number) => `${csrf}; ${await sessionCookieHeader(userId)}`
  // The second half's sheets: one entry at its defence, another at its site visit. Every application of the
  // cycle is submitted before the shortlist, which ends the cycle's intake.
  await w.db
    .updateTable('cycles')
    .set({ shortlist_size: 2, defence_panel_size: 3, site_visit_team_size: 2 })
    .where('id', '=', w.cycle.id)
    .execute()
  const atDefence = await inDocumentReview(w, w.applicant)
  const thirdApplicant = await createApplicantAccount(w.db, {
    n: w.cycle.year * 10 + 8,
    name: '丁公司',
    email: `d-${w.cycle.year}@t.example`,
    password: 'password-123',
  })
  const atVisit = await inDocumentReview(w, thirdApplicant)
  for (const reviewer of w.reviewers.slice(0, 3)) {
    await submitSheet(w, atDefence.id, reviewer, 70)
    await submitSheet(w, atVisit.id, reviewer, 75)
  }
  // An entry still in document review and a draft, in another category (the economy shortlist waits for none of
  // its own to be pending) and made before the shortlist ends the cycle's intake.
  const scoring = await inDocumentReview(
    w,
    await createApplicantAccount(w.db, {
      n: w.cycle.year * 10 + 9,
      name: '戊公司',
      email: `e-${w.cycle.year}@t.example`,
      password: 'password-123',
    }),
    w.reviewers.slice(0, 3),
    { categoryCode: 'service' },
  )
  const drafter = await createApplicantAccount(w.db, {
    n: w.cycle.year * 10 + 7,
    name: '丙公司',
    email: `c-${w.cycle.year}@t.example`,
    password: 'password-123',
  })
  const draft = await createCompleteDraft(w.db, drafter, w.cycle.id, { categoryCode: 'service' })
  await shortlistEconomy(w, [atDefence.id, atVisit.id])
  const { scheduleDefence } = await import('../../workflows/stages/defence.server')
  await scheduleDefence(w.db, {
    applicationId: atDefence.id,
    // Another morning than the helper's defence below: a panel member sits on one panel at a time.
    startsAt: '2030-03-05T09:00',
    minutes: 40,
    place: '301',
    actor: w.admin,
    expectedVersion: (await loadApplicationForUpdate(w.db, atDefence.id))!.version,
    now: '2029-06-01T00:00:00.000Z',
  })
  const defenceMember = (await listPanel(w.db, 'defence', atDefence.id))[0]!.expert_user_id
  await throughSecondHalf(w, atVisit.id, { defence: 70 }, { stopBeforeSiteVisitSheet: true })
  const visitLeader = (await listPanel(w.db, 'siteVisit', atVisit.id))[0]!.expert_user_id
  // Both sheets open (confirmed, and their time come), so hostile bodies reach the sheets' own checks.
  await confirmSlot(w, atDefence.id, 'defence')
  await slotHasCome(w.db, atDefence.id, 'defence')
  await slotHasCome(w.db, atVisit.id, 'siteVisit')
  const none = async () => 1
  const liveVersion = (id: number) => async () => (await loadApplicationForUpdate(w.db, id))?.version ?? 1
  const applicant = await as(drafter.userId)
  const admin = await as(w.admin.userId)
  const reviewer = await as(w.reviewers[0]!.userId)
  const draftId = draft.id
  const steps = ['profile', 'category', 'eligibility', 'selfAssessment', 'summary']
  const profileFields = [
    'intent',
    'version',
    'registeredAddress',
    'registrationDate',
    'legalRepresentative',
    'industry',
    'employees',
    'finances.0.year',
    'finances.1.revenue',
    'finances.2.profit',
    'status',
    'role',
  ]
  return [
    {
      name: 'login',
      path: '/login',
      params: {},
      cookie: csrf,
      fields: ['email', 'password', 'next'],
      version: none,
      run: login.action,
    },
    {
      name: 'register',
      path: '/register',
      params: {},
      cookie: csrf,
      fields: [
        'organisationName',
        'uscc',
        'usccExplanation',
        'contactPerson',
        'email',
        'phone',
        'password',
        'confirmPassword',
      ],
      version: none,
      run: register.action,
    },
    {
      name: 'objection',
      path: `/notice/${decided.id}`,
      params: { id: String(decided.id) },
      cookie: csrf,
      fields: ['name', 'organisation', 'phone', 'email', 'content', 'evidence'],
      version: none,
      run: noticeForm.action,
    },
    {
      name: 'account',
      path: '/account',
      params: {},
      cookie: applicant,
      fields: ['currentPassword', 'newPassword', 'confirmPassword', 'intent'],
      version: none,
      run: account.action,
    },
    ...steps.map((step): Target => ({
      name: `edit ${step}`,
      path: `/applicant/applications/${draftId}/edit/${step}`,
      params: { id: String(draftId), step },
      cookie: applicant,
      fields: [
        ...profileFields,
        'categoryCode',
        'awardType',
        'projectName',
        'noPenalty.answer',
        'goodCredit.explanation',
        'sections.0',
        'sections.6',
      ],
      version: liveVersion(draftId),
      run: applicantEdit.action,
    })),
    {
      name: 'evidence removal',
      path: `/applicant/applications/${draftId}/attachments`,
      params: { id: String(draftId) },
      cookie: applicant,
      fields: ['attachmentId', 'intent'],
      version: none,
      run: attachments.action,
    },
    {
      name: 'withdraw',
      path: `/applicant/applications/${draftId}`,
      params: { id: String(draftId) },
      cookie: applicant,
      fields: ['intent', 'reason', 'version'],
      version: liveVersion(draftId),
      run: applicantView.action,
    },
    {
      name: 'admin application',
      path: `/admin/applications/${scoring.id}`,
      params: { id: String(scoring.id) },
      cookie: admin,
      fields: [
        'intent',
        'version',
        'reviewerId',
        'dishonest',
        'summary',
        'note',
        'objectionId',
        'outcome',
        'resolution',
        'levelId',
        'reason',
        'score_1',
        'score_2',
        'assignmentId',
        'redraw',
        'date',
        'time',
        'minutes',
        'place',
        'address',
      ],
      version: liveVersion(scoring.id),
      run: adminApplication.action,
    },
    {
      name: 'ranking',
      path: '/admin/ranking',
      params: {},
      cookie: admin,
      fields: ['intent', 'cycleId', 'version', 'documentNumber', 'approvedOn', 'categoryCode', 'shortlisted', 'reason'],
      version: none,
      run: ranking.action,
    },
    {
      name: 'cycle',
      path: '/admin/cycle',
      params: {},
      cookie: admin,
      fields: [
        'intent',
        'version',
        'deadline',
        'minReviewers',
        'aggregation',
        'normalise',
        'consensusThreshold',
        'noticeDays',
        'quotas.0.levelId',
        'quotas.0.quota',
        'requiredEvidenceListed',
        'evidence',
      ],
      version: none,
      run: adminCycle.action,
    },
    {
      name: 'holiday calendar',
      path: '/admin/calendar',
      params: {},
      cookie: admin,
      fields: ['year', 'holidays', 'workdays'],
      version: none,
      run: calendar.action,
    },
    {
      name: 'experts',
      path: '/admin/experts',
      params: {},
      cookie: admin,
      fields: [
        'name',
        'email',
        'kind',
        'fields',
        'industries.electronics',
        'employerName',
        'employerUscc',
        'active',
        'relations.0.kind',
        'relations.0.name',
        'relations.0.endedOn',
      ],
      version: none,
      run: experts.action,
    },
    {
      name: 'review progress',
      path: '/admin/experts/progress',
      params: {},
      cookie: admin,
      fields: ['intent', 'reviewerId', 'categoryCode'],
      version: none,
      run: progress.action,
    },
    {
      name: 'cycles',
      path: '/admin/cycles',
      params: {},
      cookie: admin,
      fields: ['fromCycleId', 'intent'],
      version: none,
      run: cycles.action,
    },
    {
      name: 'forgotten password',
      path: '/password/forgot',
      params: {},
      cookie: csrf,
      fields: ['email'],
      version: none,
      run: forgot.action,
    },
    {
      name: 'score sheet',
      path: `/review/applications/${scoring.id}`,
      params: { id: String(scoring.id) },
      cookie: reviewer,
      fields: ['intent', 'version', 'reason', 'score_1', 'score_2', 'strengths_1', 'opportunities_1'],
      version: none,
      run: reviewSheet.action,
    },
    {
      name: 'defence sheet',
      path: `/review/defence/${atDefence.id}`,
      params: { id: String(atDefence.id) },
      cookie: await as(defenceMember),
      fields: ['intent', 'version', 'notes', 'category_1', 'category_2', 'category_7'],
      version: none,
      run: defenceSheet.action,
    },
    {
      name: 'site-visit sheet',
      path: `/review/site-visit/${atVisit.id}`,
      params: { id: String(atVisit.id) },
      cookie: await as(visitLeader),
      fields: ['intent', 'version', 'findings', 'item_1', 'note_1', 'item_23', 'note_23'],
      version: async () => 1,
      run: siteVisitSheet.action,
    },
    {
      name: 'desk bulk action',
      path: '/admin',
      params: {},
      cookie: admin,
      fields: ['intent', 'applicationIds'],
      version: none,
      run: desk.action,
    },
    {
      name: 'inbox',
      path: '/inbox',
      params: {},
      cookie: admin,
      fields: ['intent', 'id'],
      version: none,
      run: inbox.action,
    },
    {
      name: 'logout',
      path: '/logout',
      params: {},
      cookie: await as(w.reviewers[1]!.userId),
      fields: ['intent'],
      version: none,
      run: logout.action,
    },
  ]
}

describe('no request body can take the server down', () => {
  it(
    `answers ${bodiesPerAction} hostile bodies per action without a 5xx, and stays healthy`,
    { timeout: 120_000 },
    async () => {
      const list = await targets()
      const failures: string[] = []
      let sent = 0
      for (const [index, target] of list.entries()) {
        const random = generator(20261127 + index)
        for (let i = 0; i < bodiesPerAction; i++) {
          const body = makeBody(random, target.fields, await target.version())
          let status: number
          try {
            status = (await respond(async () => target.run(args(request(target, body), target.params)))).status
          } catch (error) {
            status = 599
            if (failures.length < 5) failures.push(`${target.name} #${i}: threw ${String(error)}`)
          }
          sent++
          if (status >= 500 && failures.length < 20)
            failures.push(`${target.name} #${i}: ${status} for ${String(body).slice(0, 200)}`)
        }
      }
      expect(failures).toEqual([])
      expect(list.length).toBe(25)
      expect(sent).toBe(bodiesPerAction * list.length)
      // Nothing a body named reached a built-in or a shared prototype.
      expect(Object.prototype.hasOwnProperty.call({}, 'polluted')).toBe(false)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(typeof Function.prototype.toString.call).toBe('function')
      expect(typeof Object.prototype.hasOwnProperty.call).toBe('function')
      expect((await respond(async () => healthz.loader())).status).toBe(200)
    },
  )
})
