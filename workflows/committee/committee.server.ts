import type { DB } from '#db/client.server'
import { loadApplicationForUpdate } from '#db/repositories/applications'
import {
  candidateParties,
  committeeMemberIds,
  deleteVotesOf,
  insertMemberTie,
  insertTally,
  listMemberTies,
  listRecusals,
  listVotes,
  putRecusal,
  putVote,
  withdrawMemberTie,
} from '#db/repositories/committee'
import { getAwardLevel, getCycle } from '#db/repositories/cycles'
import { type Executor, nowIso } from '#db/repositories/types'
import type { Cycle, CommitteeVote } from '#db/schema'
import { mayAct } from '../account/duties'
import { decideInTransaction } from '../application/application.server'
import { levelRefusal } from '../application/application.rules'
import type { Actor } from '../application/application.policy'
import { fieldRefusal, forbidden, notAllowedNow, notFound, WorkflowError } from '../errors'
import { type Tally, tallyVotes } from './tally'
import { conflictedMembers, isMemberTieKind } from './member-ties'
import type { Conflict } from '../experts/conflicts'
import { checkUscc } from '../application/uscc'
import { beijingToday } from '../time'

/** The level voted on as stored: its id, or 0 for "no award". */
export const levelKeyOf = (levelId: number | null): number => levelId ?? 0

const noteLimit = 500

/**
 * Where the committee deliberates: after the site visit, or straight after document review in a cycle without a
 * shortlist, and on a decision not yet on public notice (the committee may revise it until then).
 */
export function underDeliberation(status: string, cycle: Pick<Cycle, 'shortlist_size'>): boolean {
  if (status === 'siteVisitScored' || status === 'decided') return true
  return status === 'scored' && cycle.shortlist_size === null
}

type Row = NonNullable<Awaited<ReturnType<typeof loadApplicationForUpdate>>>

/** The application and its cycle, for a member's act: the cycle deciding by vote, the application before the committee. */
async function candidateFor(trx: Executor, applicationId: number, act: string): Promise<{ row: Row; cycle: Cycle }> {
  const row = await loadApplicationForUpdate(trx, applicationId)
  if (!row) throw notFound()
  const cycle = await getCycle(trx, row.cycle_id)
  if (!cycle) throw notFound()
  if (cycle.committee_vote !== 1) throw new WorkflowError(409, 'committee.voteOff')
  if (!underDeliberation(row.status, cycle)) throw notAllowedNow(act, row.status)
  return { row, cycle }
}

/**
 * The tally of one candidate and level now: the committee's current members, those of them recused from this
 * candidate left out, and the votes of the others.
 */
export async function tallyFor(
  db: Executor,
  input: {
    applicationId: number
    levelKey: number
    cycle: Pick<Cycle, 'committee_quorum' | 'committee_majority'>
    now: string
  },
): Promise<Tally> {
  const [members, recusals, votes] = await Promise.all([
    committeeMemberIds(db),
    listRecusals(db, [input.applicationId]),
    listVotes(db, [input.applicationId]),
  ])
  const conflicted = await conflictsWith(db, members, input.applicationId, input.now)
  return tallyFrom(members, recusals, votes, input.levelKey, input.cycle, new Set(conflicted.keys()))
}

/**
 * The members in conflict with a candidate, computed from the ties they declared (issue 22): excluded from its vote
 * as if they had recused, whether or not they noticed.
 */
export async function conflictsWith(
  db: Executor,
  members: readonly number[],
  applicationId: number,
  now: string,
): Promise<Map<number, Conflict[]>> {
  const [ties, [party]] = await Promise.all([listMemberTies(db, members), candidateParties(db, [applicationId])])
  if (!party) return new Map()
  return conflictedMembers(members, ties, party, beijingToday(new Date(now)))
}

/** The same tally from rows already read (the committee's page reads them for every candidate at once). */
export function tallyFrom(
  members: readonly number[],
  recusals: ReadonlyArray<{ member_user_id: number }>,
  votes: ReadonlyArray<{ member_user_id: number; level_key: number; vote: CommitteeVote }>,
  levelKey: number,
  cycle: Pick<Cycle, 'committee_quorum' | 'committee_majority'>,
  /** Members in conflict with the candidate by their declared ties: left out like those who recused. */
  conflicted: ReadonlySet<number> = new Set(),
): Tally {
  const current = new Set(members)
  const recused = new Set([...recusals.map((r) => r.member_user_id), ...conflicted].filter((id) => current.has(id)))
  return tallyVotes({
    members: current.size,
    recused: recused.size,
    votes: votes
      .filter((v) => v.level_key === levelKey && current.has(v.member_user_id) && !recused.has(v.member_user_id))
      .map((v) => v.vote),
    quorum: cycle.committee_quorum,
    majority: cycle.committee_majority,
  })
}

/** A committee member's vote on a candidate and a level (or on no award), with an optional note; it may be changed. */
export async function castVote(
  db: DB,
  input: {
    actor: Actor
    applicationId: number
    levelId: number | null
    vote: CommitteeVote
    note: string
    now?: string
  },
): Promise<void> {
  if (!mayAct(input.actor, 'decide')) throw forbidden()
  if (!['for', 'against', 'abstain'].includes(input.vote)) throw fieldRefusal('vote', 400, 'errors.choose')
  const note = input.note.trim()
  if ([...note].length > noteLimit) throw fieldRefusal('note', 400, 'errors.tooLong')
  const now = input.now ?? nowIso()
  await db.transaction().execute(async (trx) => {
    const { row, cycle } = await candidateFor(trx, input.applicationId, 'VOTE')
    if (input.levelId !== null) {
      const level = await getAwardLevel(trx, row.cycle_id, input.levelId)
      if (!level || level.category_code !== row.category_code) throw fieldRefusal('levelId', 400, 'errors.unknownLevel')
      // Only a level the entry may be given (an organisation's level for an organisation, the special award if on).
      const refusal = levelRefusal(level, row.award_type, cycle.special_award_enabled === 1)
      if (refusal) throw fieldRefusal('levelId', 409, refusal)
    }
    await refuseOutOfVote(trx, input.actor, row.id, now)
    await putVote(trx, {
      applicationId: row.id,
      levelKey: levelKeyOf(input.levelId),
      memberUserId: input.actor.userId,
      vote: input.vote,
      note,
      at: now,
    })
  })
}

/**
 * A member with a conflict (an employer, a tie, a relative) leaves the candidate's vote, with the reason on the
 * record: their votes on it are withdrawn and they no longer count towards its quorum.
 */
export async function recuse(
  db: DB,
  input: { actor: Actor; applicationId: number; reason: string; now?: string },
): Promise<void> {
  if (!mayAct(input.actor, 'decide')) throw forbidden()
  const reason = input.reason.trim()
  if (reason === '') throw fieldRefusal('reason', 400, 'errors.required')
  if ([...reason].length > noteLimit) throw fieldRefusal('reason', 400, 'errors.tooLong')
  const now = input.now ?? nowIso()
  await db.transaction().execute(async (trx) => {
    const { row } = await candidateFor(trx, input.applicationId, 'RECUSE')
    await deleteVotesOf(trx, row.id, input.actor.userId)
    await putRecusal(trx, { applicationId: row.id, memberUserId: input.actor.userId, reason, at: now })
  })
}

/**
 * Records the committee's decision from its vote: only a level (or no award) whose vote carried, counted in the
 * same transaction as the decision, and kept with it. The decision's own rules hold as for any decision (room in the
 * quota, a reason where it departs from the ranking).
 */
export async function decideByVote(
  db: DB,
  input: {
    actor: Actor
    applicationId: number
    levelId: number | null
    reason: string
    expectedVersion: number
    now?: string
  },
) {
  if (!mayAct(input.actor, 'decide')) throw forbidden()
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const { row, cycle } = await candidateFor(trx, input.applicationId, 'DECIDE')
    // A member out of the candidate's vote does not record its outcome either.
    await refuseOutOfVote(trx, input.actor, row.id, now)
    const levelKey = levelKeyOf(input.levelId)
    const tally = await tallyFor(trx, { applicationId: row.id, levelKey, cycle, now })
    if (!tally.carried)
      throw fieldRefusal('levelId', 409, tally.quorumMet ? 'committee.notCarried' : 'committee.noQuorum', {
        cast: tally.cast,
        quorum: tally.quorumNeeded,
        for: tally.for,
        needed: tally.majorityNeeded,
      })
    const result = await decideInTransaction(trx, row, cycle, { ...input, now })
    await insertTally(trx, {
      applicationId: row.id,
      levelKey,
      members: tally.members,
      recused: tally.recused,
      for: tally.for,
      against: tally.against,
      abstain: tally.abstain,
      quorum: cycle.committee_quorum,
      majority: cycle.committee_majority,
      recordedBy: input.actor.userId,
      at: now,
    })
    return result
  })
}

/**
 * Refuses a member out of the candidate's vote: recused, or in conflict with it by a declared tie (naming the
 * organisations that tie them to it).
 */
async function refuseOutOfVote(trx: Executor, actor: Actor, applicationId: number, now: string): Promise<void> {
  const recused = await listRecusals(trx, [applicationId])
  if (recused.some((r) => r.member_user_id === actor.userId)) throw new WorkflowError(409, 'committee.recused')
  const conflicts = (await conflictsWith(trx, [actor.userId], applicationId, now)).get(actor.userId)
  if (conflicts)
    throw new WorkflowError(409, 'committee.conflicted', undefined, {
      ties: [...new Set(conflicts.map((c) => c.name))].join('、'),
    })
}

const tieNameLimit = 100

/**
 * A committee member declares a tie to an organisation (issue 22): their current employer, a former employer or
 * client (with the day it ended, if it has), a relative's employer, a competitor. The member's conflicts with the
 * candidates are computed from these; only the member declares their own.
 */
export async function declareTie(
  db: DB,
  input: { actor: Actor; kind: string; name: string; uscc: string; endedOn: string; now?: string },
): Promise<void> {
  if (!mayAct(input.actor, 'decide')) throw forbidden()
  if (!isMemberTieKind(input.kind)) throw fieldRefusal('kind', 400, 'errors.choose')
  const name = input.name.trim()
  if (name === '') throw fieldRefusal('name', 400, 'errors.required')
  if ([...name].length > tieNameLimit) throw fieldRefusal('name', 400, 'errors.tooLong')
  let uscc: string | null = null
  if (input.uscc.trim() !== '') {
    const checked = checkUscc(input.uscc)
    if (!checked.ok) throw fieldRefusal('uscc', 400, 'errors.usccInvalid')
    uscc = checked.code
  }
  const endedOn = input.endedOn.trim()
  const timeBound = input.kind === 'formerEmployer' || input.kind === 'consultingClient'
  if (endedOn !== '' && (!timeBound || !/^\d{4}-\d{2}-\d{2}$/.test(endedOn)))
    throw fieldRefusal('endedOn', 400, 'errors.date')
  await insertMemberTie(db, {
    userId: input.actor.userId,
    kind: input.kind,
    name,
    uscc,
    endedOn: endedOn === '' ? null : endedOn,
    at: input.now ?? nowIso(),
  })
}

/** The member withdraws one of their own ties (kept on the record with the day it was withdrawn). */
export async function withdrawTie(db: DB, input: { actor: Actor; tieId: number; now?: string }): Promise<void> {
  if (!mayAct(input.actor, 'decide')) throw forbidden()
  if (!Number.isSafeInteger(input.tieId)) throw notFound()
  if (!(await withdrawMemberTie(db, input.tieId, input.actor.userId, input.now ?? nowIso()))) throw notFound()
}
