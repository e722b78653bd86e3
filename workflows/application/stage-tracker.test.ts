import { describe, expect, it } from 'vitest'
import { statusShownToApplicant } from './application.policy'
import { stageTracker } from './stage-tracker'

const states = (status: string, secondHalf = true) =>
  stageTracker(status, secondHalf)?.map(({ stage, state }) => `${stage}:${state}`)

describe('the applicant\u2019s stage tracker (申报进度)', () => {
  it('walks the stages of a cycle with a second half', () => {
    expect(states('submitted')?.slice(0, 2)).toEqual(['submitted:current', 'eligibility:upcoming'])
    expect(states('returned')?.slice(0, 3)).toEqual([
      'submitted:done',
      'eligibility:current',
      'documentReview:upcoming',
    ])
    expect(states('scored')?.slice(2, 4)).toEqual(['documentReview:done', 'shortlist:current'])
    expect(states('defenceScored')?.slice(4, 6)).toEqual(['defence:done', 'siteVisit:current'])
    expect(states('siteVisitScored')?.slice(5)).toEqual([
      'siteVisit:done',
      'committee:current',
      'notice:upcoming',
      'published:upcoming',
    ])
    expect(states('published')?.every((s) => s.endsWith(':done'))).toBe(true)
  })

  it('shows where an application stopped, and nothing for a draft or a withdrawn one', () => {
    expect(states('ineligible')?.slice(1, 3)).toEqual(['eligibility:stopped', 'documentReview:upcoming'])
    expect(states('notShortlisted')?.slice(2, 4)).toEqual(['documentReview:done', 'shortlist:stopped'])
    expect(stageTracker('draft', true)).toBeNull()
    expect(stageTracker('withdrawn', true)).toBeNull()
  })

  it('has no second half in a cycle without a shortlist: scored waits for the committee', () => {
    expect(states('scored', false)).toEqual([
      'submitted:done',
      'eligibility:done',
      'documentReview:done',
      'committee:current',
      'notice:upcoming',
      'published:upcoming',
    ])
  })

  it('tells no decision before publication: a decided entry tracks as awaiting the committee', () => {
    for (const [status, proposed] of [
      ['decided', true],
      ['decided', false],
      ['approved', false],
      ['publicNotice', false],
    ] as const)
      expect(states(statusShownToApplicant(status, proposed, true))).toEqual(states('siteVisitScored'))
    // A proposed winner's notice is public: its tracker may say so.
    expect(states(statusShownToApplicant('publicNotice', true, true))).toContain('notice:current')
  })
})
