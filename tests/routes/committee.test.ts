import { describe, expect, it } from 'vitest'
import { createStaffAccount } from '../../db/factories'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { decideApplication } from '../../workflows/application/application.server'
import type { Actor } from '../../workflows/application/application.policy'
import * as committee from '~/routes/admin.committee'
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
})
