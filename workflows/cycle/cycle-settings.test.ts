import { describe, expect, it } from 'vitest'
import type { Cycle } from '#db/schema'
import { lockedChanges, nextCycleColumns, settingChanges, settingColumns, settingsOf } from './cycle-settings'

const cycle = {
  id: 1,
  year: 2026,
  name_zh: '2026',
  name_en: '2026',
  edition_id: 1,
  version: 3,
  created_at: '2026-01-01T00:00:00.000Z',
  submission_deadline: '2026-12-31T15:59:59.999Z',
  min_reviewers: 3,
  results_published_at: null,
  aggregation: 'mean',
  notice_working_days: 5,
  normalise_reviewers: 0,
  consensus_threshold: 15000,
  reviewers_per_application: 5,
  expert_load_cap: 20,
  review_due_date: '2026-10-31',
  reminder_days_before: 3,
  approval_document: null,
  approved_on: null,
  shortlist_size: null,
  weight_document: 40,
  weight_defence: 20,
  weight_site_visit: 40,
  defence_minutes: 40,
  defence_panel_size: 5,
  site_visit_team_size: 3,
  special_award_enabled: 0,
  intake_closed_at: null,
  draw_only_activated: 0,
  draw_min_rating: null,
  committee_vote: 0,
  committee_quorum: 'twoThirds',
  committee_majority: 'twoThirds',
  archived_at: null,
  social_due_date: null,
} satisfies Cycle

describe('the cycle settings, declared once (issue 21)', () => {
  it('reads each setting from its columns and writes it back to the same columns', () => {
    const values = settingsOf(cycle)
    expect(values).toMatchObject({
      deadline: cycle.submission_deadline,
      normaliseReviewers: false,
      weights: { document: 40, defence: 20, siteVisit: 40 },
      shortlistSize: null,
    })
    const columns = settingColumns(values)
    for (const [column, value] of Object.entries(columns)) expect(cycle[column as keyof Cycle], column).toBe(value)
    // Every column a setting writes is read back by it: nothing is written that the settings do not hold.
    expect(Object.keys(columns).sort()).toEqual(
      Object.keys(cycle)
        .filter((c) => !['id', 'year', 'name_zh', 'name_en', 'edition_id', 'version', 'created_at'].includes(c))
        .filter(
          (c) =>
            !['results_published_at', 'approval_document', 'approved_on', 'intake_closed_at', 'archived_at'].includes(
              c,
            ),
        )
        .sort(),
    )
  })

  it('records only what changed, in the history\u2019s order, the weights as one setting', () => {
    expect(
      settingChanges(cycle, {
        noticeWorkingDays: 7,
        weights: { document: 50, defence: 20, siteVisit: 30 },
        specialAward: true,
        minReviewers: 3,
        shortlistSize: undefined,
      }),
    ).toEqual([
      { field: 'weights', from: '40/20/40', to: '50/20/30' },
      { field: 'specialAward', from: false, to: true },
      { field: 'noticeWorkingDays', from: 5, to: 7 },
    ])
  })

  it('locks how the ranking is counted at the first shortlist, and what decisions rest on at the first decision', () => {
    const changes = settingChanges(cycle, {
      aggregation: 'median',
      consensusThreshold: 10000,
      weights: { document: 50, defence: 20, siteVisit: 30 },
      specialAward: true,
      deadline: '2027-01-31T15:59:59.999Z',
      expertLoadCap: 30,
    })
    expect(lockedChanges(changes, 'shortlist')).toEqual(['aggregation', 'consensusThreshold'])
    expect(lockedChanges(changes, 'decision')).toEqual(['weights', 'specialAward', 'aggregation', 'consensusThreshold'])
  })

  it('starts next year\u2019s cycle with every setting, its dates a year on', () => {
    const next = nextCycleColumns({ ...cycle, shortlist_size: 12, special_award_enabled: 1 })
    expect(next).toMatchObject({
      review_due_date: '2027-10-31',
      shortlist_size: 12,
      special_award_enabled: 1,
      weight_document: 40,
      aggregation: 'mean',
    })
    expect(next).not.toHaveProperty('submission_deadline')
  })
})
