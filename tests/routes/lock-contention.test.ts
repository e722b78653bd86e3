import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { createCompleteDraft } from '../../db/factories'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import * as applicantEdit from '~/routes/applicant.applications.$id.edit.$step/route'
import * as healthz from '~/routes/healthz'
import { world } from '../integration/helpers'
import { args, post, respond } from './http'

/**
 * Another process holds the write lock (a second connection to the same file, as a backup or a second server
 * would): a draft save waits for it without blocking the process, and past the bound answers 503 in the user's
 * language with nothing written.
 */
let holder: Database.Database | undefined
afterEach(() => {
  if (holder?.inTransaction) holder.exec('rollback')
  holder?.close()
  holder = undefined
})

function holdWriteLock(): Database.Database {
  holder = new Database(process.env.DATABASE_PATH!)
  holder.exec('begin immediate')
  holder.prepare('update cycles set name_en = name_en where id = (select min(id) from cycles)').run()
  return holder
}

/** A draft save, with its session made beforehand (making one is itself a write). */
async function draftSave(w: Awaited<ReturnType<typeof world>>, id: number, address: string) {
  const version = (await loadApplicationForUpdate(w.db, id))!.version
  const request = await post(
    `/applicant/applications/${id}/edit/profile`,
    { intent: 'draft', version: String(version), registeredAddress: address },
    { userId: w.applicant.userId },
  )
  return () => respond(async () => applicantEdit.action(args(request, { id: String(id), step: 'profile' })))
}

/**
 * Runs `work` and counts how often a 5 ms timer fired meanwhile: a save that blocked the thread while it waited
 * for the lock would let none fire. Counted, not timed, so a busy machine cannot fail it.
 */
async function timerTicksDuring<T>(work: () => Promise<T>): Promise<{ result: T; ticks: number }> {
  let ticks = 0
  const timer = setInterval(() => ticks++, 5)
  try {
    const result = await work()
    return { result, ticks }
  } finally {
    clearInterval(timer)
  }
}

describe('another writer holding the lock', () => {
  it('makes a draft save wait, without blocking the process, and succeed once the lock is released', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const save = await draftSave(w, draft.id, '深圳市福田区')
    const lock = holdWriteLock()
    // The lock is released by a timer: only a save that waits without holding the thread lets it run.
    let released = false
    setTimeout(() => {
      lock.exec('commit')
      released = true
    }, 600)
    const { result, ticks } = await timerTicksDuring(async () => {
      const response = await save()
      return { response, releasedFirst: released }
    })
    expect(result.response.status).toBe(302)
    expect(result.releasedFirst).toBe(true) // it did wait for the other writer
    expect(ticks).toBeGreaterThan(10) // and the process went on meanwhile
    expect(JSON.parse((await loadApplicationForUpdate(w.db, draft.id))!.profile!)).toMatchObject({
      registeredAddress: '深圳市福田区',
    })
  })

  it('answers 503 "busy, try again" past the bound, writes nothing, and health answers at once meanwhile', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const before = await loadApplicationForUpdate(w.db, draft.id)
    const save = await draftSave(w, draft.id, '不应保存')
    holdWriteLock()
    const started = Date.now()
    let saveSettled = false
    const saving = save().finally(() => {
      saveSettled = true
    })
    // While the save waits, the health check answers: it is served before the save gives up.
    await new Promise((resolve) => setTimeout(resolve, 100))
    const health = await respond(async () => healthz.loader())
    expect(health.status).toBe(200)
    expect(saveSettled).toBe(false)
    const response = await saving
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('2')
    expect(await response.json()).toEqual({ messageKey: 'errors.busy' })
    // It gave up only after the bound (a lower bound: a slow machine can only make the wait longer).
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900)
    holder!.exec('rollback')
    expect(await loadApplicationForUpdate(w.db, draft.id)).toEqual(before)
  })
})
