import type { DB } from '#db/client.server'
import { loadApplicationForUpdate } from '#db/repositories/applications'
import {
  committeeMemberIds,
  deleteVotesOf,
  insertTally,
  listRecusals,
  listVotes,
  putRecusal,
  putVote,
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
  input: { applicationId: number; levelKey: number; cycle: Pick<Cycle, 'committee_quorum' | 'committee_majority'> },
): Promise<Tally> {
  const [members, recusals, votes] = await Promise.all([
    committeeMemberIds(db),
    listRecusals(db, [input.applicationId]),
    listVotes(db, [input.applicationId]),
  ])
  return tallyFrom(members, recusals, votes, input.levelKey, input.cycle)
}

/** The same tally from rows already read (the committee's page reads them for every candidate at once). */
export function tallyFrom(
  members: readonly number[],
  recusals: ReadonlyArray<{ member_user_id: number }>,
  votes: ReadonlyArray<{ member_user_id: number; level_key: number; vote: CommitteeVote }>,
  levelKey: number,
  cycle: Pick<Cycle, 'committee_quorum' | 'committee_majority'>,
): Tally {
  const current = new Set(members)
  const recused = new Set(recusals.map((r) => r.member_user_id).filter((id) => current.has(id)))
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
    const recused = await listRecusals(trx, [row.id])
    if (recused.some((r) => r.member_user_id === input.actor.userId)) throw new WorkflowError(409, 'committee.recused')
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
    const levelKey = levelKeyOf(input.levelId)
    const tally = await tallyFor(trx, { applicationId: row.id, levelKey, cycle })
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
