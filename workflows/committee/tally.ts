import type { CommitteeFraction, CommitteeVote } from '#db/schema'

/**
 * The committee's vote on one candidate and level (审定, issue 22), counted as the cycle's rules say: of the members
 * not recused, enough must vote (the quorum; an abstention is a vote cast), and of the votes cast enough must be for
 * (the majority). "half" means more than half; "twoThirds" at least two thirds. Whole numbers only, so two of three
 * is two thirds exactly.
 */
export interface Tally {
  members: number
  recused: number
  /** Members who may vote on this candidate: the committee less those recused. */
  eligible: number
  for: number
  against: number
  abstain: number
  cast: number
  /** Votes needed to make the quorum, and votes for needed to carry with the votes cast so far. */
  quorumNeeded: number
  majorityNeeded: number
  quorumMet: boolean
  carried: boolean
}

/** The least whole n with n/of reaching the fraction (more than half; at least two thirds). */
function needed(fraction: CommitteeFraction, of: number): number {
  return fraction === 'half' ? Math.floor(of / 2) + 1 : Math.ceil((2 * of) / 3)
}

export function tallyVotes(input: {
  members: number
  recused: number
  votes: readonly CommitteeVote[]
  quorum: CommitteeFraction
  majority: CommitteeFraction
}): Tally {
  const count = (vote: CommitteeVote) => input.votes.filter((v) => v === vote).length
  const eligible = Math.max(0, input.members - input.recused)
  const cast = input.votes.length
  const quorumNeeded = Math.max(1, needed(input.quorum, eligible))
  const majorityNeeded = Math.max(1, needed(input.majority, cast))
  const quorumMet = eligible > 0 && cast >= quorumNeeded
  return {
    members: input.members,
    recused: input.recused,
    eligible,
    for: count('for'),
    against: count('against'),
    abstain: count('abstain'),
    cast,
    quorumNeeded,
    majorityNeeded,
    quorumMet,
    carried: quorumMet && count('for') >= majorityNeeded,
  }
}
