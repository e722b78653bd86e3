import { describe, expect, it } from 'vitest'
import { tallyVotes } from './tally'

const tally = (
  members: number,
  recused: number,
  votes: Array<'for' | 'against' | 'abstain'>,
  quorum: 'half' | 'twoThirds' = 'twoThirds',
  majority: 'half' | 'twoThirds' = 'twoThirds',
) => tallyVotes({ members, recused, votes, quorum, majority })

describe('the committee’s tally (issue 22)', () => {
  it('carries with two thirds of the votes cast, once two thirds of the members not recused have voted', () => {
    // Nine members: six must vote; of six votes, four must be for.
    expect(tally(9, 0, ['for', 'for', 'for', 'for', 'against'])).toMatchObject({ quorumMet: false, carried: false })
    expect(tally(9, 0, ['for', 'for', 'for', 'for', 'against', 'against'])).toMatchObject({
      eligible: 9,
      cast: 6,
      quorumNeeded: 6,
      majorityNeeded: 4,
      quorumMet: true,
      carried: true,
    })
    expect(tally(9, 0, ['for', 'for', 'for', 'against', 'against', 'against'])).toMatchObject({ carried: false })
    // Two of three is two thirds exactly.
    expect(tally(3, 0, ['for', 'for', 'against'])).toMatchObject({ quorumNeeded: 2, majorityNeeded: 2, carried: true })
  })

  it('counts an abstention as a vote cast that is not for', () => {
    expect(tally(3, 0, ['for', 'abstain'])).toMatchObject({ cast: 2, abstain: 1, majorityNeeded: 2, carried: false })
    expect(tally(3, 0, ['for', 'for', 'abstain'])).toMatchObject({ carried: true })
  })

  it('leaves recused members out of the quorum', () => {
    // Five members, two recused: two of the three left make the quorum.
    expect(tally(5, 2, ['for', 'for'])).toMatchObject({ eligible: 3, quorumNeeded: 2, carried: true })
    expect(tally(5, 0, ['for', 'for'])).toMatchObject({ quorumNeeded: 4, carried: false })
    // Everyone recused: nothing can carry.
    expect(tally(2, 2, [])).toMatchObject({ eligible: 0, quorumMet: false, carried: false })
  })

  it('with "more than half", half is not enough', () => {
    expect(tally(4, 0, ['for', 'against', 'for'], 'half', 'half')).toMatchObject({
      quorumNeeded: 3,
      majorityNeeded: 2,
      carried: true,
    })
    expect(tally(4, 0, ['for', 'against', 'for', 'against'], 'half', 'half')).toMatchObject({
      majorityNeeded: 3,
      carried: false,
    })
    expect(tally(4, 0, ['for', 'for'], 'half', 'half')).toMatchObject({ quorumMet: false, carried: false })
  })
})
