import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoPassword } from '../../db/seed'
import { startPostgres, type PostgresServer } from '../setup/postgres-cluster'
import { HttpClient } from './client'
import { spawnServer } from './spawn'

/**
 * Issue 20: two production servers on one PostgreSQL database, driven at once, as a load balancer would. Both start
 * together on an empty database (the demo data is loaded once), a session opened on one is valid on the other, the
 * same save posted to both at once has one winner, and applicants saving drafts through both alternately lose
 * nothing.
 */
let database: PostgresServer
let url: string
const servers: Array<{ url: string; stop: () => void }> = []
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'award-two-'))
const secret = 'two-processes-'.padEnd(40, 'x')

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(text, values)).rows
  } finally {
    await client.end()
  }
}

beforeAll(async () => {
  database = await startPostgres()
  const admin = new pg.Client({ connectionString: database.adminUrl })
  await admin.connect()
  await admin.query('create database award_two_processes')
  await admin.end()
  url = database.urlOf('award_two_processes')
  // Started together on an empty database: both migrate and look for the demo data at the same moment.
  const env = { DATABASE_URL: url, ATTACHMENTS_DIR: files, SESSION_SECRET: secret, SCHEDULER: 'off' }
  servers.push(...(await Promise.all([spawnServer(env), spawnServer(env)])))
})

afterAll(() => {
  for (const server of servers) server.stop()
  database?.stop()
  fs.rmSync(files, { recursive: true, force: true })
})

const [a, b] = [0, 1]

describe('two app processes on one PostgreSQL database', () => {
  it('start together, load the demo data once, and report the database on /healthz', async () => {
    for (const server of servers) {
      const health = await fetch(`${server.url}/healthz`)
      expect(health.status).toBe(200)
      expect(await health.text()).toContain('postgres')
    }
    const [secretariat] = await query<{ count: number }>(
      "select count(*)::int as count from users where email = 'secretariat@award.example'",
    )
    expect(secretariat!.count).toBe(1)
  })

  it('honour a session opened on one process on the other, and end it on both at logout', async () => {
    const onA = await new HttpClient(servers[a]!.url).login('secretariat@award.example', demoPassword)
    const onB = onA.via(servers[b]!.url)
    const page = await onB.page('/admin')
    expect(page.status).toBe(200)
    expect(page.html).toContain('市长质量奖秘书处')
    expect((await onB.post('/logout', {})).status).toBe(302)
    expect((await onA.get('/admin')).status).toBe(302)
  })

  it('share the login limits: wrong passwords sent to both processes in turn count together', async () => {
    const client = new HttpClient(servers[a]!.url)
    await client.page('/login')
    const both = [client, client.via(servers[b]!.url)]
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const response = await both[i % 2]!.post('/login', { email: 'reviewer5@award.example', password: `wrong-${i}` })
      statuses.push(response.status)
    }
    // Five wrong passwords for one account from one address, three on one process and two on the other: the sixth
    // is refused, on whichever process it reaches.
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429])
  })

  it('give one winner when the same save is posted to both at the same moment', async () => {
    const onA = await new HttpClient(servers[a]!.url).login('apply@pengcheng-electronics.example', demoPassword)
    const onB = onA.via(servers[b]!.url)
    const [draft] = await query<{ id: number; version: number }>(
      "select applications.id::int, applications.version::int from applications join organisations on organisations.id = applications.organisation_id where organisations.email = 'apply@pengcheng-electronics.example'",
    )
    const save = (client: HttpClient, text: string) =>
      client.post(
        `/applicant/applications/${draft!.id}/edit/selfAssessment?_data=${encodeURIComponent('routes/applicant.applications.$id.edit.$step')}`,
        { intent: 'autosave', version: String(draft!.version), 'sections.0': text },
      )
    for (let round = 0; round < 5; round++) {
      const [version] = await query<{ version: number }>('select version::int from applications where id = $1', [
        draft!.id,
      ])
      draft!.version = version!.version
      const answers = await Promise.all([save(onA, `A${round}`), save(onB, `B${round}`)])
      const statuses = answers.map((r) => r.status).sort()
      expect(statuses).toEqual([200, 409])
      const winner = answers[0]!.status === 200 ? `A${round}` : `B${round}`
      const [stored] = await query<{ self_assessment: string }>(
        'select self_assessment from application_texts where application_id = $1',
        [draft!.id],
      )
      expect((JSON.parse(stored!.self_assessment) as { sections: string[] }).sections[0]).toBe(winner)
      const [after] = await query<{ version: number }>('select version::int from applications where id = $1', [
        draft!.id,
      ])
      expect(after!.version).toBe(draft!.version + 1)
    }
  })

  it('serve evidence uploaded through one process from the other (one shared ATTACHMENTS_DIR)', async () => {
    const onA = await new HttpClient(servers[a]!.url).login('apply@pengcheng-electronics.example', demoPassword)
    const onB = onA.via(servers[b]!.url)
    const [draft] = await query<{ id: number }>(
      "select applications.id::int from applications join organisations on organisations.id = applications.organisation_id where organisations.email = 'apply@pengcheng-electronics.example'",
    )
    const pdf = new TextEncoder().encode(`%PDF-1.4\n% 两进程证明材料 ${Date.now()}\n%%EOF\n`)
    const uploaded = await onA.postFile(
      `/applicant/applications/${draft!.id}/attachments`,
      { declarationKey: 'registeredThreeYears' },
      { field: 'file', name: '营业执照.pdf', type: 'application/pdf', bytes: pdf },
    )
    expect(uploaded.status).toBe(302)
    const [attachment] = await query<{ id: number }>(
      'select id::int from attachments where application_id = $1 order by id desc limit 1',
      [draft!.id],
    )
    const download = await onB.get(`/attachments/${attachment!.id}`)
    expect(download.status).toBe(200)
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf)
  })

  it('lose no draft when applicants save alternately through both processes', async () => {
    const { openPostgres } = await import('../../db/client.server')
    const { createApplicantAccount, createCompleteDraft } = await import('../../db/factories')
    const db = openPostgres(url)
    const cycle = await db.selectFrom('cycles').selectAll().orderBy('year', 'desc').executeTakeFirstOrThrow()
    await db
      .updateTable('cycles')
      .set({ submission_deadline: new Date(Date.now() + 7 * 86_400_000).toISOString() })
      .where('id', '=', cycle.id)
      .execute()
    const applicants = 20
    const clients: Array<{ id: number; version: number; via: HttpClient[]; saved: string | null }> = []
    for (let i = 0; i < applicants; i++) {
      const email = `two-processes-${i}@award.example`
      const actor = await createApplicantAccount(db, {
        n: 880_000 + i,
        name: `两进程申报单位${i}`,
        email,
        password: demoPassword,
      })
      const draft = await createCompleteDraft(db, actor, cycle.id, { evidence: false })
      const onA = await new HttpClient(servers[i % 2]!.url).login(email, demoPassword)
      clients.push({
        id: draft.id,
        version: draft.version,
        via: [onA, onA.via(servers[(i + 1) % 2]!.url)],
        saved: null,
      })
    }
    await db.destroy()

    const answers = new Map<number, number>()
    const end = Date.now() + 12_000
    await Promise.all(
      clients.map(async (client) => {
        for (let n = 0; Date.now() < end; n++) {
          const text = `第${n}次保存 ${client.id}`
          const response = await client.via[n % 2]!.post(
            `/applicant/applications/${client.id}/edit/selfAssessment?_data=${encodeURIComponent('routes/applicant.applications.$id.edit.$step')}`,
            { intent: 'autosave', version: String(client.version), 'sections.0': text },
          )
          answers.set(response.status, (answers.get(response.status) ?? 0) + 1)
          if (response.status !== 200) continue
          const body = (await response.json()) as { autosaved: { version: number } }
          client.version = body.autosaved.version
          client.saved = text
        }
      }),
    )
    // Every save is answered as saved (none busy, none refused), and what the last one said is what is stored.
    expect(Object.fromEntries(answers)).toEqual({ 200: answers.get(200) })
    expect(answers.get(200)).toBeGreaterThan(applicants * 4)
    const stored = await query<{ application_id: number; self_assessment: string }>(
      'select application_id::int, self_assessment from application_texts where application_id = any($1)',
      [clients.map((c) => c.id)],
    )
    const lost = clients.filter((client) => {
      const row = stored.find((r) => r.application_id === client.id)
      return (JSON.parse(row!.self_assessment) as { sections: string[] }).sections[0] !== client.saved
    })
    expect(lost).toEqual([])
  })
})
