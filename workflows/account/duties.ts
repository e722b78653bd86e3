import type { Office } from '#db/schema'

export type { Office }

/**
 * The award's offices and their duties (issue 22), after the award's own rules (深府规〔2019〕5号 and the
 * secretariat's 评审管理规范): the 评定委员会 (committee) decides the award list; its 秘书处 (secretariat) organises
 * the cycle and supervises, confirms the shortlist, runs the public notice and its objections, records the city's
 * approval and publishes; the 评审机构 (review agency) the bureau contracts does the review work — eligibility, the
 * expert pool, draws, consensus, scheduling; 监督 (supervisors) watch everything and change nothing.
 *
 * This table is the one place that says which office may do which act: the workflow services ask `mayAct` before
 * they change anything, the pages ask it to offer only what the reader may do.
 */
export const offices = ['secretariat', 'agency', 'committee', 'supervisor'] as const satisfies readonly Office[]

export const duties = {
  /** Every page of the back office, every record, draw, score sheet and audit entry, read only. */
  readRecords: ['secretariat', 'agency', 'committee', 'supervisor'],
  /** The audit log as a file. */
  exportAudit: ['secretariat', 'supervisor'],
  /** The cycle's settings, its calendar of working days, closing the intake, next year's cycle. */
  runCycle: ['secretariat'],
  /** Staff, committee and supervisor accounts: inviting them and choosing their offices. */
  manageStaff: ['secretariat'],
  /** Eligibility review (受理、资格审核): starting it, the checklist and credit check, accepting, returning, rejecting. */
  eligibility: ['agency'],
  /** The expert pool: adding, editing, importing experts, rating their work. */
  manageExperts: ['agency', 'secretariat'],
  /** Drawing and assigning experts, panels and teams; removing or reopening an assignment; reminding experts. */
  assignExperts: ['agency'],
  /** The consensus of a document review, and reopening a review. */
  conductReview: ['agency'],
  /** The social evaluation (社会评价): the departments' answers on the candidates' records. */
  socialEvaluation: ['agency'],
  /** The defence (答辩) and site-visit (现场核查) dates and places. */
  schedule: ['agency'],
  /** Confirming the shortlist for the defence. */
  shortlist: ['secretariat'],
  /** The award decision (审定), and reopening or retracting it. */
  decide: ['committee'],
  /** Starting the public notice (公示) and resolving its objections. */
  runNotice: ['secretariat'],
  /** Recording the city government's approval. */
  recordApproval: ['secretariat'],
  /** Publishing the results. */
  publish: ['secretariat'],
  /** Building the cycle's archive (档案) after publication; it then becomes read-only. */
  keepArchive: ['secretariat'],
  /** Writing to groups of applicants or experts, and to an applicant in an application's thread. */
  writeMessages: ['secretariat', 'agency'],
} as const satisfies Record<string, readonly Office[]>

export type Duty = keyof typeof duties

/**
 * The offices that act (all but supervision): what staff accounts made before offices existed hold (migration
 * 0054), and the tests' all-round staff account.
 */
export const actingOffices: readonly Office[] = ['secretariat', 'agency', 'committee']

/** Who is acting: a role, and for staff the offices the account holds. */
export interface OfficeHolder {
  role: string
  offices?: readonly Office[]
}

/** The duties that change nothing: an account holding only these (a supervisor) is read-only everywhere. */
const readOnlyDuties: ReadonlySet<Duty> = new Set<Duty>(['readRecords', 'exportAudit'])

/** A back-office account that may change nothing (a supervisor, or an account without an office). */
export function isReadOnly(actor: OfficeHolder): boolean {
  return actor.role === 'admin' && dutiesOf(actor).every((duty) => readOnlyDuties.has(duty))
}

/** Offices in the table's order, each once; anything unknown is dropped (a form's choices, a table's rows). */
export function officesFrom(values: readonly string[]): Office[] {
  return offices.filter((office) => values.includes(office))
}

/** The account may do the act: a staff account holding an office the table gives it to. */
export function mayAct(actor: OfficeHolder | null | undefined, duty: Duty): boolean {
  if (actor?.role !== 'admin' || !actor.offices) return false
  const allowed: readonly Office[] = duties[duty]
  return actor.offices.some((office) => allowed.includes(office))
}

/** Every act the account may do (for the pages, which offer only these). */
export function dutiesOf(actor: OfficeHolder | null | undefined): Duty[] {
  return (Object.keys(duties) as Duty[]).filter((duty) => mayAct(actor, duty))
}

/**
 * Offices one account may not hold together: a supervisor acts in nothing they watch, and the agency that
 * prepares the review does not also vote on its outcome.
 */
export function incompatibleOffices(held: readonly Office[]): [Office, Office] | null {
  if (held.includes('supervisor') && held.length > 1) return ['supervisor', held.find((o) => o !== 'supervisor')!]
  if (held.includes('agency') && held.includes('committee')) return ['agency', 'committee']
  return null
}

/** The offices as stored with the session (a bit each, in the order of `offices`), and back. */
export function officesOfMask(mask: number | null | undefined): Office[] {
  return offices.filter((_, i) => ((mask ?? 0) & (1 << i)) !== 0)
}
