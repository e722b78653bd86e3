import { describe, expect, it } from 'vitest'
import { createStaffAccount } from '../../db/factories'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { decideApplication } from '../../workflows/application/application.server'
import type { Actor } from '../../workflows/application/application.policy'
import * as committee from '~/routes/admin.committee'
import { startPublicNotice } from '../../workflows/cycle/cycle.server'
import { fileObjection, resolveObjection } from '../../workflows/objection/objection.server'
import {
  changeSettings,
  inDocumentReview,
  levelIdOf,
  rejection,
  submitSheet,
  world,
  type World,
} from '../integration/helpers'
import { args, get, post, respond } from './http'

/**
 * Issue 22: the committee decides by vote. Every test starts with a committee of exactly the members it makes (the
 * database is shared by the file's tests, and the world's all-round account holds the committee's office too).
 */
async function committeeOf(w: World, size: number): Promise<Actor[]> {
  await w.db.deleteFrom('user_offices').where('office', '=', 'committee').execute()
  const members: Actor[] = []
  for (let i = 0; i < size; i++)
    members.push(
      await createStaffAccount(w.db, {
        role: 'admin',
        name: `委员${i}`,
        email: `member${i}-${w.cycle.year}@t.example`,
        password: 'password-123',
        offices: ['committee'],
      }),
    )
  return members
}

/** A scored entry of a cycle without a shortlist, before a committee deciding by vote. */
async function candidate(w: World) {
  const app = await inDocumentReview(w)
  for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 80)
  await changeSettings(w, { committeeVote: true })
  return { id: app.id, gold: await levelIdOf(w, 'gold') }
}

async function act(actor: Actor, fields: Record<string, string>) {
  return respond(async () => committee.action(args(await post('/admin/committee', fields, { userId: actor.userId }))))
}

const messageOf = async (response: Response) => ((await response.json()) as { messageKey: string }).messageKey
const version = async (w: World, id: number) => String((await loadApplicationForUpdate(w.db, id))!.version)

describe('the committee’s vote (issue 22)', () => {
  it('records a decision only from a vote that carried, with its tally; a recused member does not count', async () => {
    const w = await world()
    const [a, b, c] = (await committeeOf(w, 3)) as [Actor, Actor, Actor]
    const app = await candidate(w)
    const vote = (member: Actor, choice: string) =>
      act(member, { intent: 'vote', applicationId: String(app.id), levelId: String(app.gold), vote: choice, note: '' })
    const decide = async (member: Actor) =>
      act(member, {
        intent: 'decide',
        applicationId: String(app.id),
        levelId: String(app.gold),
        reason: '',
        version: await version(w, app.id),
      })

    // A member alone may no longer record a decision in this cycle.
    const alone = await rejection(
      decideApplication(w.db, {
        applicationId: app.id,
        actor: a,
        expectedVersion: Number(await version(w, app.id)),
        levelId: app.gold,
        reason: '',
      }),
    )
    expect(alone.messageKey).toBe('committee.voteRequired')

    expect((await vote(a, 'for')).status).toBe(302)
    // One of three voted: two thirds of three must.
    let refused = await decide(a)
    expect(refused.status).toBe(409)
    expect(await messageOf(refused)).toBe('committee.noQuorum')
    expect((await vote(b, 'against')).status).toBe(302)
    refused = await decide(a)
    expect(await messageOf(refused)).toBe('committee.notCarried')
    expect((await loadApplicationForUpdate(w.db, app.id))!.status).toBe('scored')

    // C advised the applicant: recused, C's vote is not wanted and not counted.
    expect((await act(c, { intent: 'recuse', applicationId: String(app.id), reason: '曾任该单位顾问' })).status).toBe(
      302,
    )
    const recusedVote = await vote(c, 'for')
    expect(recusedVote.status).toBe(409)
    expect(await messageOf(recusedVote)).toBe('committee.recused')
    // B changes their vote: two of the two not recused, both for.
    expect((await vote(b, 'for')).status).toBe(302)
    expect((await decide(b)).status).toBe(302)

    const decided = (await loadApplicationForUpdate(w.db, app.id))!
    expect(decided.status).toBe('decided')
    expect(decided.decision_level_id).toBe(app.gold)
    const tally = await w.db
      .selectFrom('committee_tallies')
      .selectAll()
      .where('application_id', '=', app.id)
      .executeTakeFirstOrThrow()
    expect(tally).toMatchObject({
      level_key: app.gold,
      members: 3,
      recused: 1,
      for_votes: 2,
      against_votes: 0,
      abstentions: 0,
      quorum: 'twoThirds',
      majority: 'twoThirds',
      recorded_by: b.userId,
    })
    const audit = await w.db
      .selectFrom('audit_log')
      .select(['event', 'actor_offices', 'actor_user_id'])
      .where('entity', '=', 'application')
      .where('entity_id', '=', app.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit).toEqual({ event: 'DECIDE', actor_offices: 'committee', actor_user_id: b.userId })

    // The page shows the candidate decided, the recusal with its reason, and the tally it rests on.
    const page = (await (
      await respond(async () => committee.loader(args(await get('/admin/committee', a.userId))))
    ).json()) as {
      members: number
      candidates: Array<{
        id: number
        status: string
        recusals: Array<{ reason: string }>
        tallies: Array<{ for: number; recused: number }>
        options: Array<{ levelId: number | null; tally: { carried: boolean }; myVote: string | null }>
      }>
    }
    const shown = page.candidates.find((entry) => entry.id === app.id)!
    expect(page.members).toBe(3)
    expect(shown.status).toBe('decided')
    expect(shown.recusals.map((r) => r.reason)).toEqual(['曾任该单位顾问'])
    expect(shown.tallies).toEqual([expect.objectContaining({ for: 2, recused: 1 })])
    expect(shown.options.find((o) => o.levelId === app.gold)).toMatchObject({ tally: { carried: true }, myVote: 'for' })
    // Once a decision rests on the vote, the cycle's way of deciding is fixed.
    const locked = await rejection(changeSettings(w, { committeeVote: false }))
    expect(locked.messageKey).toBe('errors.settingsLockedByDecisions')
  })

  it('lets only committee members vote, on a level of the candidate’s category, while it is before the committee', async () => {
    const w = await world()
    const [member] = (await committeeOf(w, 2)) as [Actor]
    const agency = await createStaffAccount(w.db, {
      role: 'admin',
      name: '评审机构',
      email: `agency-${w.cycle.year}@t.example`,
      password: 'password-123',
      offices: ['agency'],
    })
    const app = await candidate(w)
    const fields = { intent: 'vote', applicationId: String(app.id), levelId: String(app.gold), vote: 'for', note: '' }
    expect((await act(agency, fields)).status).toBe(403)
    const otherCategory = await w.db
      .selectFrom('award_levels')
      .select('id')
      .where('cycle_id', '=', w.cycle.id)
      .where('category_code', '!=', 'economy')
      .executeTakeFirstOrThrow()
    const wrongLevel = await act(member, { ...fields, levelId: String(otherCategory.id) })
    expect(wrongLevel.status).toBe(400)
    // A level this entry may not be given (the project award, for an organisation's entry).
    const notForType = await act(member, { ...fields, levelId: String(await levelIdOf(w, 'project')) })
    expect(notForType.status).toBe(409)
    expect(await messageOf(notForType)).toBe('errors.levelNotForType')
    const badVote = await act(member, { ...fields, vote: 'maybe' })
    expect(badVote.status).toBe(400)
    expect(
      await w.db.selectFrom('committee_votes').select('id').where('application_id', '=', app.id).execute(),
    ).toEqual([])
    // "No award" is a motion of its own.
    expect((await act(member, { ...fields, levelId: '' })).status).toBe(302)
    expect(
      await w.db
        .selectFrom('committee_votes')
        .select(['level_key', 'vote'])
        .where('application_id', '=', app.id)
        .execute(),
    ).toEqual([{ level_key: 0, vote: 'for' }])
    // Before the committee (still in document review), nobody votes.
    const early = await inDocumentReview(w, w.otherApplicant)
    const tooEarly = await act(member, { ...fields, applicationId: String(early.id) })
    expect(tooEarly.status).toBe(409)
  })

  it('leaves a member out of a candidate’s vote by the ties they declared, computed as for experts', async () => {
    const w = await world()
    const [a, b, c] = (await committeeOf(w, 3)) as [Actor, Actor, Actor]
    const app = await candidate(w)
    const organisation = await w.db
      .selectFrom('applications')
      .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
      .select(['organisations.name', 'organisations.uscc'])
      .where('applications.id', '=', app.id)
      .executeTakeFirstOrThrow()
    const vote = (member: Actor, choice: string) =>
      act(member, { intent: 'vote', applicationId: String(app.id), levelId: String(app.gold), vote: choice, note: '' })
    const declare = (member: Actor, fields: Record<string, string>) =>
      act(member, { intent: 'declareTie', uscc: '', endedOn: '', ...fields })
    const page = async (member: Actor) => {
      const data = (await (
        await respond(async () => committee.loader(args(await get('/admin/committee', member.userId))))
      ).json()) as {
        myTies: Array<{ id: number; name: string }> | null
        candidates: Array<{
          id: number
          conflicted: Array<{ name: string; conflicts: Array<{ kind: string; name: string }> }>
          myConflicts: Array<{ kind: string }>
          options: Array<{ levelId: number | null; tally: { for: number; recused: number; eligible: number } }>
        }>
      }
      return { ties: data.myTies, shown: data.candidates.find((entry) => entry.id === app.id)! }
    }

    // What a declaration must say: a kind, a name, a valid credit code if any, an end only for a time-bound tie.
    for (const [fields, field, key] of [
      [{ kind: 'friend', name: organisation.name }, 'kind', 'errors.choose'],
      [{ kind: 'competitor', name: ' ' }, 'name', 'errors.required'],
      [{ kind: 'competitor', name: organisation.name, uscc: '123' }, 'uscc', 'errors.usccInvalid'],
      [{ kind: 'competitor', name: organisation.name, endedOn: '2024-01-01' }, 'endedOn', 'errors.date'],
    ] as const) {
      const refused = await declare(c, fields)
      expect(refused.status).toBe(400)
      expect(await refused.json()).toMatchObject({ messageKey: key, fieldErrors: { [field]: key } })
    }
    // Only a member declares ties: the secretariat is not on this committee.
    expect((await declare(w.admin, { kind: 'competitor', name: organisation.name })).status).toBe(403)

    // C votes, then declares the applicant a former employer left a year ago: C's vote stops counting.
    expect((await vote(a, 'for')).status).toBe(302)
    expect((await vote(c, 'for')).status).toBe(302)
    const lastYear = `${new Date().getUTCFullYear() - 1}-06-30`
    expect((await declare(c, { kind: 'formerEmployer', name: organisation.name, endedOn: lastYear })).status).toBe(302)
    // A tie that ended more than three years ago is no conflict.
    expect(
      (await declare(a, { kind: 'consultingClient', name: organisation.name, endedOn: '2001-01-01' })).status,
    ).toBe(302)
    const seenByA = await page(a)
    expect(seenByA.shown.myConflicts).toEqual([])
    expect(seenByA.shown.conflicted).toEqual([
      { name: '委员2', conflicts: [{ kind: 'formerEmployer', name: organisation.name }] },
    ])
    expect(seenByA.shown.options.find((o) => o.levelId === app.gold)!.tally).toMatchObject({
      for: 1,
      recused: 1,
      eligible: 2,
    })
    expect((await page(c)).shown.myConflicts).toEqual([{ kind: 'formerEmployer', name: organisation.name }])

    // C can neither vote on it nor record its outcome; A and B carry it without C.
    const refusedVote = await vote(c, 'against')
    expect(refusedVote.status).toBe(409)
    expect(await refusedVote.json()).toMatchObject({
      messageKey: 'committee.conflicted',
      vars: { ties: organisation.name },
    })
    expect((await vote(b, 'for')).status).toBe(302)
    const decide = async (member: Actor) =>
      act(member, {
        intent: 'decide',
        applicationId: String(app.id),
        levelId: String(app.gold),
        reason: '',
        version: await version(w, app.id),
      })
    expect(await messageOf(await decide(c))).toBe('committee.conflicted')
    expect((await decide(a)).status).toBe(302)
    const tally = await w.db
      .selectFrom('committee_tallies')
      .selectAll()
      .where('application_id', '=', app.id)
      .executeTakeFirstOrThrow()
    expect(tally).toMatchObject({ members: 3, recused: 1, for_votes: 2 })

    // Withdrawn, the tie no longer counts; a member withdraws only their own.
    const [tie] = (await page(c)).ties!
    expect((await act(a, { intent: 'withdrawTie', tieId: String(tie!.id) })).status).toBe(404)
    expect((await act(c, { intent: 'withdrawTie', tieId: String(tie!.id) })).status).toBe(302)
    expect((await page(c)).shown.myConflicts).toEqual([])
    const kept = await w.db.selectFrom('committee_member_ties').selectAll().where('id', '=', tie!.id).executeTakeFirst()
    expect(kept?.withdrawn_at).not.toBeNull()
  })

  it('shows the committee the objections that sent a candidate back, without who objected', async () => {
    const w = await world()
    const [a, b] = (await committeeOf(w, 2)) as [Actor, Actor]
    const app = await candidate(w)
    for (const member of [a, b])
      await act(member, {
        intent: 'vote',
        applicationId: String(app.id),
        levelId: String(app.gold),
        vote: 'for',
        note: '',
      })
    await act(a, {
      intent: 'decide',
      applicationId: String(app.id),
      levelId: String(app.gold),
      reason: '',
      version: await version(w, app.id),
    })
    await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: '2030-01-07T02:00:00.000Z' })
    const { id } = await fileObjection(w.db, {
      applicationId: app.id,
      name: '林某',
      organisation: '',
      phone: '13700001111',
      email: 'lin@example.com',
      content: '该单位2029年发生质量事故，未如实申报。',
      evidence: '市场监管局2029年第12号通报',
      now: '2030-01-09T02:00:00.000Z',
    })
    await resolveObjection(w.db, {
      applicationId: app.id,
      objectionId: id,
      actor: w.admin,
      outcome: 'upheld',
      resolution: '经核实情况属实，提请委员会重新审定。',
      now: '2030-01-10T02:00:00.000Z',
    })
    const response = await respond(async () => committee.loader(args(await get('/admin/committee', b.userId))))
    const text = await response.text()
    const shown = (JSON.parse(text) as { candidates: Array<{ id: number; objections: unknown[] }> }).candidates.find(
      (entry) => entry.id === app.id,
    )!
    expect(shown.objections).toEqual([
      expect.objectContaining({
        status: 'upheld',
        content: '该单位2029年发生质量事故，未如实申报。',
        evidence: '市场监管局2029年第12号通报',
        resolution: '经核实情况属实，提请委员会重新审定。',
      }),
    ])
    // The objector's identity stays with the secretariat.
    expect(text).not.toContain('林某')
    expect(text).not.toContain('13700001111')
    expect(text).not.toContain('lin@example.com')
  })
})
