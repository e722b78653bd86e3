import type { Cycle } from '#db/schema'
import type { Aggregation, StageWeights } from '../review/scoring'
import { cycleWeights, weightsText } from '../stages/stage-scores'
import { oneYearLater } from './next-cycle'

/**
 * Every setting of a cycle that the settings page changes, declared once (issue 21): how the cycle's row holds it,
 * how its history records a change, when it locks, what next year's cycle starts with, and how the history labels
 * it. updateCycleSettings, the locks, the copy into next year's cycle and the history all read this table, so a new
 * setting is its declaration, its migration, its catalogue entries and its form field.
 *
 * The order is the order of the history's entries. Quotas and required evidence are lists of their own tables and
 * are not here.
 */
type Columns = Partial<Pick<Cycle, SettingColumn>>
type SettingColumn =
  | 'submission_deadline'
  | 'min_reviewers'
  | 'aggregation'
  | 'notice_working_days'
  | 'normalise_reviewers'
  | 'consensus_threshold'
  | 'reviewers_per_application'
  | 'expert_load_cap'
  | 'draw_only_activated'
  | 'review_due_date'
  | 'social_due_date'
  | 'reminder_days_before'
  | 'shortlist_size'
  | 'weight_document'
  | 'weight_defence'
  | 'weight_site_visit'
  | 'defence_minutes'
  | 'defence_panel_size'
  | 'site_visit_team_size'
  | 'special_award_enabled'
  | 'draw_min_rating'
  | 'committee_vote'
  | 'committee_quorum'
  | 'committee_majority'

/** How the history shows a value: a number, yes/no, points, a Beijing date-time or day, a method, text as it is. */
export type SettingFormat = 'number' | 'flag' | 'points' | 'dateTime' | 'day' | 'aggregation' | 'fraction' | 'text'

interface Declaration<V, R> {
  read: (cycle: Cycle) => V
  columns: (value: V) => Columns
  /** The value as a history entry records it (JSON); the value itself unless said. */
  recorded: (value: V) => R
  format: SettingFormat
  /** The history's label (an i18n key); a flag may instead have a sentence for each direction. */
  label: string
  /** How the history shows an empty value (an i18n key): "no shortlist", "any". */
  none?: string
  sentences?: { on: string; off: string }
  /**
   * When it may no longer change: from the first shortlist (it decides the ranking a shortlist is chosen from), from
   * the first committee decision (the decisions rest on it), or never (the published cycle is frozen whole).
   */
  locksAt: 'shortlist' | 'decision' | null
  /** What next year's cycle starts with: the same, the same moved a year on, or left to its default. */
  nextCycle: 'copy' | 'yearLater'
}

const number = <C extends SettingColumn>(
  column: C,
  label: string,
  more: Partial<Pick<Declaration<Cycle[C], Cycle[C]>, 'locksAt' | 'format' | 'nextCycle' | 'none'>> = {},
): Declaration<Cycle[C], Cycle[C]> => ({
  read: (cycle) => cycle[column],
  columns: (value) => ({ [column]: value }) as Columns,
  recorded: (value) => value,
  format: 'number',
  label,
  locksAt: null,
  nextCycle: 'copy',
  ...more,
})

const flag = (
  column: 'normalise_reviewers' | 'draw_only_activated' | 'special_award_enabled' | 'committee_vote',
  label: string,
  more: Partial<Pick<Declaration<boolean, boolean>, 'locksAt' | 'sentences'>> = {},
): Declaration<boolean, boolean> => ({
  read: (cycle) => cycle[column] === 1,
  columns: (value) => ({ [column]: value ? 1 : 0 }) as Columns,
  recorded: (value) => value,
  format: 'flag',
  label,
  locksAt: null,
  nextCycle: 'copy',
  ...more,
})

export const cycleSettings = {
  reviewersPerApplication: number('reviewers_per_application', 'admin.reviewersPerApplication'),
  expertLoadCap: number('expert_load_cap', 'admin.expertLoadCap'),
  shortlistSize: number('shortlist_size', 'admin.shortlistSize', {
    none: 'admin.noShortlist',
  }),
  weights: {
    read: (cycle) => cycleWeights(cycle),
    columns: (value) => ({
      weight_document: value.document,
      weight_defence: value.defence,
      weight_site_visit: value.siteVisit,
    }),
    recorded: weightsText,
    format: 'text',
    label: 'admin.weights',
    locksAt: 'decision',
    nextCycle: 'copy',
  } satisfies Declaration<StageWeights, string>,
  defenceMinutes: number('defence_minutes', 'admin.defenceMinutes'),
  defencePanelSize: number('defence_panel_size', 'admin.defencePanelSize'),
  siteVisitTeamSize: number('site_visit_team_size', 'admin.siteVisitTeamSize'),
  drawOnlyActivated: flag('draw_only_activated', 'admin.drawOnlyActivated', {
    sentences: { on: 'history.drawOnlyActivatedOn', off: 'history.drawOnlyActivatedOff' },
  }),
  drawMinRating: number('draw_min_rating', 'admin.drawMinRating', {
    none: 'admin.anyRating',
  }),
  specialAward: flag('special_award_enabled', 'admin.specialAward', {
    locksAt: 'decision',
    sentences: { on: 'history.specialAwardOn', off: 'history.specialAwardOff' },
  }),
  // The committee's deliberation (issue 22): by vote, with its quorum and majority; fixed once a decision rests on it.
  committeeVote: flag('committee_vote', 'admin.committeeVote', {
    locksAt: 'decision',
    sentences: { on: 'history.committeeVoteOn', off: 'history.committeeVoteOff' },
  }),
  committeeQuorum: number('committee_quorum', 'admin.committeeQuorum', { format: 'fraction', locksAt: 'decision' }),
  committeeMajority: number('committee_majority', 'admin.committeeMajority', {
    format: 'fraction',
    locksAt: 'decision',
  }),
  reminderDaysBefore: number('reminder_days_before', 'admin.reminderDaysBefore'),
  reviewDueDate: number('review_due_date', 'admin.reviewDueDate', { format: 'day', nextCycle: 'yearLater' }),
  // 社会评价 (issue 22): the day the departments' answers are due; the agency is reminded before it and after it.
  socialDueDate: number('social_due_date', 'admin.socialDueDate', { format: 'day', nextCycle: 'yearLater' }),
  deadline: number('submission_deadline', 'admin.deadline', { format: 'dateTime', nextCycle: 'yearLater' }),
  minReviewers: number('min_reviewers', 'admin.minReviewersLabel', { locksAt: 'shortlist' }),
  aggregation: {
    read: (cycle) => cycle.aggregation,
    columns: (value) => ({ aggregation: value }),
    recorded: (value) => value,
    format: 'aggregation',
    label: 'admin.aggregation',
    locksAt: 'shortlist',
    nextCycle: 'copy',
  } satisfies Declaration<Aggregation, Aggregation>,
  normaliseReviewers: flag('normalise_reviewers', 'admin.normaliseReviewers', { locksAt: 'shortlist' }),
  consensusThreshold: number('consensus_threshold', 'admin.consensusThreshold', {
    format: 'points',
    locksAt: 'shortlist',
  }),
  noticeWorkingDays: number('notice_working_days', 'admin.noticeDays'),
}

export type CycleSettingName = keyof typeof cycleSettings
export const cycleSettingNames = Object.keys(cycleSettings) as CycleSettingName[]

/** A setting's value as the workflows use it (a flag as a boolean, the weights as three numbers). */
export type SettingValue<N extends CycleSettingName> = ReturnType<(typeof cycleSettings)[N]['read']>
export type SettingValues = { [N in CycleSettingName]: SettingValue<N> }
type Recorded<N extends CycleSettingName> = ReturnType<(typeof cycleSettings)[N]['recorded']>

/** One setting's change as the cycle's history records it. */
export type ScalarSettingChange = {
  [N in CycleSettingName]: { field: N; from: Recorded<N>; to: Recorded<N> }
}[CycleSettingName]

// The table's entries are of different value types; these helpers read them through one signature.
type AnyDeclaration = Declaration<unknown, unknown>
export const declarationOf = (name: CycleSettingName): AnyDeclaration =>
  cycleSettings[name] as unknown as AnyDeclaration

/** The cycle's settings as the workflows use them. */
export function settingsOf(cycle: Cycle): SettingValues {
  return Object.fromEntries(cycleSettingNames.map((name) => [name, declarationOf(name).read(cycle)])) as SettingValues
}

/**
 * What saving `next` over the cycle's settings changes, in the history's order: each setting given whose recorded
 * value differs (an absent one is left as it is).
 */
export function settingChanges(cycle: Cycle, next: Partial<SettingValues>): ScalarSettingChange[] {
  const changes: ScalarSettingChange[] = []
  for (const name of cycleSettingNames) {
    if (!(name in next) || next[name] === undefined) continue
    const declaration = declarationOf(name)
    const from = declaration.recorded(declaration.read(cycle))
    const to = declaration.recorded(next[name])
    if (from !== to) changes.push({ field: name, from, to } as ScalarSettingChange)
  }
  return changes
}

/** The row's columns for these settings. */
export function settingColumns(values: Partial<SettingValues>): Columns {
  let columns: Columns = {}
  for (const name of cycleSettingNames) {
    if (values[name] !== undefined) columns = { ...columns, ...declarationOf(name).columns(values[name]) }
  }
  return columns
}

/** The settings among these changes that lock at this point of the cycle (the first shortlist, the first decision). */
export function lockedChanges(
  changes: readonly ScalarSettingChange[],
  at: 'shortlist' | 'decision',
): CycleSettingName[] {
  return changes
    .map((change) => change.field)
    .filter((name) => {
      const locksAt = cycleSettings[name].locksAt
      return locksAt === 'shortlist' || (at === 'decision' && locksAt === 'decision')
    })
}

/** What next year's cycle starts with: each setting copied, dates a year on (the deadline is created with it). */
export function nextCycleColumns(from: Cycle): Columns {
  let columns: Columns = {}
  for (const name of cycleSettingNames) {
    if (name === 'deadline') continue
    const declaration = declarationOf(name)
    const value = declaration.read(from)
    const carried = declaration.nextCycle === 'yearLater' && typeof value === 'string' ? oneYearLater(value) : value
    columns = { ...columns, ...declaration.columns(carried) }
  }
  return columns
}
