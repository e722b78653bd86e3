import type { CommitteeFraction, CommitteeMemberTieTable, CommitteeVote } from '../schema'
import type { Executor } from './types'

/** The committee's members now: staff accounts holding the committee's office. */
export async function committeeMemberIds(db: Executor): Promise<number[]> {
  const rows = await db
    .selectFrom('user_offices')
    .innerJoin('users', 'users.id', 'user_offices.user_id')
    .select('users.id')
    .where('user_offices.office', '=', 'committee')
    .where('users.role', '=', 'admin')
    .orderBy('users.id')
    .execute()
  return rows.map((row) => row.id)
}

/** A member's vote on a candidate and level (0: no award), replacing their earlier vote on the same. */
export async function putVote(
  db: Executor,
  vote: {
    applicationId: number
    levelKey: number
    memberUserId: number
    vote: CommitteeVote
    note: string
    at: string
  },
): Promise<void> {
  await db
    .insertInto('committee_votes')
    .values({
      application_id: vote.applicationId,
      level_key: vote.levelKey,
      member_user_id: vote.memberUserId,
      vote: vote.vote,
      note: vote.note,
      voted_at: vote.at,
    })
    .onConflict((oc) =>
      oc
        .columns(['application_id', 'level_key', 'member_user_id'])
        .doUpdateSet({ vote: vote.vote, note: vote.note, voted_at: vote.at }),
    )
    .execute()
}

export async function deleteVotesOf(db: Executor, applicationId: number, memberUserId: number): Promise<void> {
  await db
    .deleteFrom('committee_votes')
    .where('application_id', '=', applicationId)
    .where('member_user_id', '=', memberUserId)
    .execute()
}

export async function putRecusal(
  db: Executor,
  recusal: { applicationId: number; memberUserId: number; reason: string; at: string },
): Promise<void> {
  await db
    .insertInto('committee_recusals')
    .values({
      application_id: recusal.applicationId,
      member_user_id: recusal.memberUserId,
      reason: recusal.reason,
      at: recusal.at,
    })
    .onConflict((oc) => oc.columns(['application_id', 'member_user_id']).doNothing())
    .execute()
}

export function listVotes(db: Executor, applicationIds: readonly number[]) {
  if (applicationIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('committee_votes')
    .innerJoin('users', 'users.id', 'committee_votes.member_user_id')
    .select([
      'committee_votes.application_id',
      'committee_votes.level_key',
      'committee_votes.member_user_id',
      'committee_votes.vote',
      'committee_votes.note',
      'committee_votes.voted_at',
      'users.display_name as member_name',
    ])
    .where('committee_votes.application_id', 'in', applicationIds)
    .orderBy('committee_votes.id')
    .execute()
}

export function listRecusals(db: Executor, applicationIds: readonly number[]) {
  if (applicationIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('committee_recusals')
    .innerJoin('users', 'users.id', 'committee_recusals.member_user_id')
    .select([
      'committee_recusals.application_id',
      'committee_recusals.member_user_id',
      'committee_recusals.reason',
      'committee_recusals.at',
      'users.display_name as member_name',
    ])
    .where('committee_recusals.application_id', 'in', applicationIds)
    .execute()
}

export async function insertTally(
  db: Executor,
  tally: {
    applicationId: number
    levelKey: number
    members: number
    recused: number
    for: number
    against: number
    abstain: number
    quorum: CommitteeFraction
    majority: CommitteeFraction
    recordedBy: number
    at: string
  },
): Promise<void> {
  await db
    .insertInto('committee_tallies')
    .values({
      application_id: tally.applicationId,
      level_key: tally.levelKey,
      members: tally.members,
      recused: tally.recused,
      for_votes: tally.for,
      against_votes: tally.against,
      abstentions: tally.abstain,
      quorum: tally.quorum,
      majority: tally.majority,
      recorded_by: tally.recordedBy,
      recorded_at: tally.at,
    })
    .execute()
}

/** The tallies decisions were recorded on, latest last. */
export function listTallies(db: Executor, applicationIds: readonly number[]) {
  if (applicationIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('committee_tallies')
    .selectAll()
    .where('application_id', 'in', applicationIds)
    .orderBy('id')
    .execute()
}

/** The members' ties to organisations, as declared and not withdrawn. */
export function listMemberTies(db: Executor, userIds: readonly number[]) {
  if (userIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('committee_member_ties')
    .innerJoin('users', 'users.id', 'committee_member_ties.user_id')
    .select([
      'committee_member_ties.id',
      'committee_member_ties.user_id',
      'committee_member_ties.kind',
      'committee_member_ties.name',
      'committee_member_ties.uscc',
      'committee_member_ties.ended_on',
      'committee_member_ties.declared_at',
      'users.display_name as member_name',
    ])
    .where('committee_member_ties.user_id', 'in', userIds)
    .where('committee_member_ties.withdrawn_at', 'is', null)
    .orderBy('committee_member_ties.id')
    .execute()
}

export async function insertMemberTie(
  db: Executor,
  tie: {
    userId: number
    kind: CommitteeMemberTieTable['kind']
    name: string
    uscc: string | null
    endedOn: string | null
    at: string
  },
): Promise<void> {
  await db
    .insertInto('committee_member_ties')
    .values({
      user_id: tie.userId,
      kind: tie.kind,
      name: tie.name,
      uscc: tie.uscc,
      ended_on: tie.endedOn,
      declared_at: tie.at,
    })
    .execute()
}

/** Withdraws the member's own tie; false when it is not theirs or already withdrawn. */
export async function withdrawMemberTie(db: Executor, id: number, userId: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('committee_member_ties')
    .set({ withdrawn_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** The organisations of these applications, as the conflict rules compare them. */
export function candidateParties(db: Executor, applicationIds: readonly number[]) {
  if (applicationIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('applications')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .select(['applications.id as application_id', 'organisations.name', 'organisations.uscc'])
    .where('applications.id', 'in', applicationIds)
    .execute()
}
