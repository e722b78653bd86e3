import type { AudienceRecord } from '../notifications/group-message'
import type { ScalarSettingChange } from './cycle-settings'
import type { IntakeClosedBy } from './intake'
/**
 * What a cycle's history rows record, as data: the page renders each in the reader's language and time zone
 * (a row stored as prose would read in one language, with raw ISO times). Stored as JSON in the audit reason.
 */
export type SettingChange =
  /** A declared setting (./cycle-settings.ts): its value before and after, as recorded there. */
  | ScalarSettingChange
  | {
      field: 'quota'
      category_zh: string
      category_en: string
      level_zh: string
      level_en: string
      from: number
      to: number
    }
  /** A condition added to (to: true) or taken off (to: false) the evidence an award type requires. */
  | { field: 'requiredEvidence'; awardType: string; condition: string; to: boolean }

export type CycleAuditDetail =
  | { kind: 'settings'; changes: SettingChange[] }
  | { kind: 'notice'; onNotice: number; endsAt: string; unknownYears: number[] }
  | { kind: 'retract'; count: number; reason: string }
  | { kind: 'calendar'; year: number; holidays: number; workdays: number }
  | { kind: 'approval'; documentNumber: string; approvedOn: string; count: number }
  | { kind: 'copied'; fromYear: number }
  | { kind: 'intakeClosed'; by: IntakeClosedBy }
  /** A rehearsal (演练) of the cycle made, its clock moved (to the time given), or removed (decision record 0035). */
  | { kind: 'rehearsal'; rehearsal: number; action: 'created' | 'clockMoved' | 'deleted'; clockAt?: string }
  /** A message to a group (its text is in group_messages and in each recipient's copy). */
  | { kind: 'message'; audience: AudienceRecord; subject: string; recipients: number }
  | {
      kind: 'shortlist'
      category_zh: string
      category_en: string
      shortlisted: number
      notShortlisted: number
      /** Entries of the category holding a place from an earlier round, and the cycle's number (absent on older rows). */
      alreadyShortlisted?: number
      size?: number
      reason: string | null
    }

export function cycleAuditReason(detail: CycleAuditDetail): string {
  return JSON.stringify(detail)
}

const kinds = new Set([
  'settings',
  'notice',
  'retract',
  'calendar',
  'approval',
  'copied',
  'shortlist',
  'intakeClosed',
  'message',
  'rehearsal',
])

/** The detail of a history row, or null for a row written as plain text (before this existed). */
export function readCycleAuditReason(reason: string | null): CycleAuditDetail | null {
  if (!reason || !reason.startsWith('{')) return null
  try {
    const value = JSON.parse(reason) as { kind?: unknown }
    return typeof value === 'object' && value !== null && typeof value.kind === 'string' && kinds.has(value.kind)
      ? (value as CycleAuditDetail)
      : null
  } catch {
    return null
  }
}

/** The required-evidence pairs added and taken off between two lists, as history entries. */
export function requiredEvidenceChanges(
  before: ReadonlyArray<{ awardType: string; condition: string }>,
  after: ReadonlyArray<{ awardType: string; condition: string }>,
): SettingChange[] {
  const key = (r: { awardType: string; condition: string }) => `${r.awardType}/${r.condition}`
  const had = new Set(before.map(key))
  const has = new Set(after.map(key))
  return [
    ...after
      .filter((r) => !had.has(key(r)))
      .map((r) => ({ field: 'requiredEvidence' as const, awardType: r.awardType, condition: r.condition, to: true })),
    ...before
      .filter((r) => !has.has(key(r)))
      .map((r) => ({ field: 'requiredEvidence' as const, awardType: r.awardType, condition: r.condition, to: false })),
  ]
}
