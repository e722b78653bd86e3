import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

/**
 * The Kysely `Database` type: one interface per table. Columns the database fills are
 * `Generated<>`; a column that may be empty is `T | null`, never optional.
 * Times are UTC ISO strings, scores integer percentages.
 */

export type Role = 'applicant' | 'reviewer' | 'admin'

export interface OrganisationTable {
  id: Generated<number>
  name: string
  uscc: string
  contact_person: string
  phone: string
  email: string
  /** Why the credit code fails its check character (a few real ones do): the applicant's words, verified in 资格审核. */
  uscc_explanation: Generated<string | null>
  created_at: string
  /** Comparison keys of name and code (workflows/experts/organisation-keys.ts, migration 0045). */
  name_key: string | null
  uscc_key: string | null
}

export interface UserTable {
  id: Generated<number>
  email: string
  password_hash: string
  role: Role
  display_name: string
  organisation_id: number | null
  expertise: string | null
  created_at: string
  /** The authenticator app's secret (base32) once two-factor sign-in is on (migration 0047); null while off. */
  totp_secret: Generated<string | null>
  /** A secret shown for enrolment, not yet confirmed with a code. */
  totp_pending_secret: Generated<string | null>
  totp_enabled_at: Generated<string | null>
  /** The last time step (30 s) whose code was accepted: a code is good once. */
  totp_last_step: Generated<number | null>
  /** An applicant account's place in its organisation's team (migration 0057); null for staff and experts. */
  member_role: Generated<MemberRole | null>
}

export type MemberRole = 'owner' | 'editor' | 'viewer' | 'removed'

/** A built archive of a cycle (migration 0058). */
/** A rehearsal (演练) of a cycle: a copy of the database with its own clock (migration 0063, decision record 0035). */
export interface RehearsalTable {
  id: Generated<number>
  cycle_id: number
  /** The copy: a SQLite file's name in the rehearsals folder, or a PostgreSQL schema's name. */
  storage: string
  created_by: number
  created_at: string
  /** How far the rehearsal's clock is ahead of the real time. */
  clock_offset_minutes: Generated<number>
  version: Generated<number>
  deleted_at: Generated<string | null>
  deleted_by: Generated<number | null>
}

export interface CycleArchiveTable {
  id: Generated<number>
  cycle_id: number
  built_at: string
  built_by: number
  folder: string
  manifest_hash: string
  files: number
  bytes: number
}

export interface ArchiveDownloadTable {
  id: Generated<number>
  archive_id: number
  user_id: number
  at: string
}

/** Each save of a draft step, by whom (migration 0057). */
export interface DraftEditTable {
  id: Generated<number>
  application_id: number
  user_id: number
  step: string
  at: string
}

export interface SessionTable {
  id: string
  user_id: number
  created_at: string
  last_seen_at: string
  expires_at: string
}

export interface CriteriaEditionTable {
  id: Generated<number>
  code: string
  name_zh: string
  name_en: string
}

export interface CriteriaCategoryTable {
  id: Generated<number>
  edition_id: number
  code: string
  name_zh: string
  name_en: string
  points: number
  kind: 'process' | 'results'
  position: number
}

export interface CriteriaItemTable {
  id: Generated<number>
  category_id: number
  code: string
  name_zh: string
  name_en: string
  points: number
  position: number
}

export interface CycleTable {
  id: Generated<number>
  year: number
  name_zh: string
  name_en: string
  edition_id: number
  submission_deadline: string
  min_reviewers: number
  aggregation: Generated<Aggregation>
  /** Length of the public notice (公示) in working days. */
  notice_working_days: Generated<number>
  /** 1 when reviewers' totals are normalised (z-scores) before they are combined. */
  normalise_reviewers: Generated<0 | 1>
  /** Spread of reviewers' totals (hundredths of a point) beyond which a consensus round is required. */
  consensus_threshold: Generated<number>
  results_published_at: string | null
  /** When intake (申报受理) was closed before its deadline, or by the first later stage; null while it runs. */
  intake_closed_at: Generated<string | null>
  version: Generated<number>
  created_at: string
  /** Reviewers drawn per application (at least 3). */
  reviewers_per_application: Generated<number>
  /** The most assignments one expert holds in the cycle. */
  expert_load_cap: Generated<number>
  /** 1: draws leave out experts who have not activated their account; 0: they are drawn, with a warning. */
  draw_only_activated: Generated<0 | 1>
  /** The lowest rating (1–5, the expert's last rated cycle) the cycle's draws accept; null: any (migration 0048). */
  draw_min_rating: Generated<number | null>
  /** The committee decides by vote (migration 0055): 1, with the quorum and majority below; 0, a member records it. */
  committee_vote: Generated<number>
  committee_quorum: Generated<CommitteeFraction>
  committee_majority: Generated<CommitteeFraction>
  /** When the cycle's archive was first built (migration 0058): from then on the cycle is read-only. */
  archived_at: Generated<string | null>
  /** YYYY-MM-DD (Beijing): drawn experts' sheets are due by this day; null until set. */
  review_due_date: Generated<string | null>
  /** YYYY-MM-DD: the departments' answers of the social evaluation are due by this day (issue 22). */
  social_due_date: Generated<string | null>
  /** Experts with open reviews are reminded this many days before their due date. */
  reminder_days_before: Generated<number>
  /** The city's approval of the results (批准): its document number and date (YYYY-MM-DD); null until recorded. */
  approval_document: Generated<string | null>
  approved_on: Generated<string | null>
  /** Applications per category shortlisted after document review (入围); null: no shortlist stage. */
  shortlist_size: Generated<number | null>
  /** The final score's weights (whole percentages summing to 100): document review, defence, site visit. */
  weight_document: Generated<number>
  weight_defence: Generated<number>
  weight_site_visit: Generated<number>
  /** A defence slot's length, and the experts on a defence panel and on a site-visit team. */
  defence_minutes: Generated<number>
  defence_panel_size: Generated<number>
  site_visit_team_size: Generated<number>
  /** 1 when the cycle gives 特别贡献奖 (outside the quota). */
  special_award_enabled: Generated<0 | 1>
}

/** 集中答辩: a shortlisted application's slot; starts_at is a Beijing date and time (YYYY-MM-DDTHH:mm). */
export interface DefenceTable {
  id: Generated<number>
  application_id: number
  starts_at: string
  minutes: number
  /** The room, or the video link. */
  place: string
  confirmed_at: string | null
  scheduled_at: string
  /** The applicant's presentation (PDF): its name, size, stored file and upload time; null until uploaded. */
  presentation_filename: Generated<string | null>
  presentation_sha256: Generated<string | null>
  presentation_size: Generated<number | null>
  presentation_uploaded_at: Generated<string | null>
}

/** 现场核查: the visit (a Beijing date), and when the team leader recorded the team's sheet. */
export interface SiteVisitTable {
  id: Generated<number>
  application_id: number
  visit_date: string
  address: string
  confirmed_at: string | null
  scheduled_at: string
  recorded_at: string | null
  version: Generated<number>
}

export type PanelStage = 'defence' | 'siteVisit'

export interface PanelMemberTable {
  id: Generated<number>
  stage: PanelStage
  application_id: number
  expert_user_id: number
  is_leader: Generated<0 | 1>
  /** When the member declared, before seeing the applicant's file (null: not yet; the file stays closed). */
  declared_at: string | null
  /** When a member who declared a conflict left the panel (null: sits on it), and the reason given. */
  recused_at: string | null
  recusal_reason: string | null
}

export interface PanelDrawTable {
  id: Generated<number>
  stage: PanelStage
  application_id: number
  seed: number
  /** JSON: [{ id, name, industries, load }] of the active pool at the draw (industries and load since 0040). */
  candidates: string
  /** JSON: the draw's exclusions with their reasons. */
  exclusions: string
  /** JSON: the experts chosen (user ids), the team leader first for a site visit. */
  chosen: string
  actor_user_id: number | null
  at: string
  /** Inputs of the draw, so that its record replays it (null before 0040): the cap, the industry, the seats. */
  load_cap: number | null
  industry: string | null
  needed: number | null
}

export interface DefenceSheetTable {
  id: Generated<number>
  application_id: number
  expert_user_id: number
  notes: Generated<string>
  status: 'draft' | 'submitted'
  version: Generated<number>
  updated_at: string
  submitted_at: string | null
}

export interface DefenceScoreTable {
  sheet_id: number
  category_id: number
  percentage: number
}

export interface SiteVisitItemTable {
  application_id: number
  item_id: number
  percentage: number
  /** The evidence seen on site for the percentage confirmed or adjusted. */
  note: Generated<string>
}

export interface SiteVisitFindingTable {
  id: Generated<number>
  application_id: number
  severity: 'major' | 'minor'
  text: string
}

export interface ReviewReminderTable {
  assignment_id: number
  kind: 'beforeDue'
  claimed_at: string
}

/** How reviewers' totals become one score: the plain mean, the median, or the mean without the highest and lowest. */
export type Aggregation = 'mean' | 'median' | 'trimmedMean'

/** An eligibility condition that needs at least one evidence file before an entry of an award type is submitted. */
export interface CycleRequiredEvidenceTable {
  cycle_id: number
  award_type: string
  condition_key: string
}

export interface CycleCategoryTable {
  cycle_id: number
  code: string
  name_zh: string
  name_en: string
  position: number
}

export interface AwardLevelTable {
  id: Generated<number>
  cycle_id: number
  category_code: string
  code: string
  name_zh: string
  name_en: string
  quota: number
  rank: number
  /** The entries the level is for: organisations (the main award, 提名奖) or projects (项目奖). */
  award_type: Generated<'organisation' | 'project'>
  /** 1: given outside the quota (特别贡献奖), and only in a cycle that enables it. */
  outside_quota: Generated<0 | 1>
}

export interface ApplicationTable {
  id: Generated<number>
  cycle_id: number
  organisation_id: number
  /** The machine's state value, kept beside the snapshot so loaders never read snapshots. */
  status: string
  snapshot: string
  version: Generated<number>
  category_code: string | null
  award_type: string | null
  project_name: string | null
  last_step: string
  submitted_at: string | null
  decision_level_id: number | null
  decision_reason: string | null
  /** End of this application's public notice, when it is in one. */
  notice_ends_at: string | null
  /** While returned for correction: the Beijing date by which the corrected application is due. */
  correction_due_date: string | null
  created_at: string
  updated_at: string
}

export interface ObjectionEvidenceTable {
  id: Generated<number>
  objection_id: number
  filename: string
  content_type: AttachmentType
  size: number
  sha256: string
  uploaded_at: string
}

export interface ObjectionTable {
  id: Generated<number>
  application_id: number
  objector_name: string
  objector_organisation: string | null
  objector_phone: string
  objector_email: string
  content: string
  evidence: string
  filed_at: string
  status: 'open' | 'upheld' | 'dismissed'
  resolution: string | null
  resolved_by: number | null
  resolved_at: string | null
  /** The token the public form carried: one objection per form sent, however often it is sent. */
  submission_token: Generated<string | null>
}

export interface AuditLogTable {
  id: Generated<number>
  entity: 'application' | 'score_sheet' | 'cycle' | 'assignment' | 'expert'
  entity_id: number
  actor_user_id: number | null
  at: string
  from_state: string | null
  to_state: string
  event: string
  reason: string | null
  /** The offices the actor held when acting (comma-separated; migration 0054), null for experts and applicants. */
  actor_offices: Generated<string | null>
}

/** The offices of a staff account (migration 0054; workflows/account/duties.ts). */
export interface UserOfficeTable {
  user_id: number
  office: Office
}

export type Office = 'secretariat' | 'agency' | 'committee' | 'supervisor'

/** More than half, or at least two thirds (migration 0055). */
export type CommitteeFraction = 'half' | 'twoThirds'
export type CommitteeVote = 'for' | 'against' | 'abstain'

export interface CommitteeVoteTable {
  id: Generated<number>
  application_id: number
  /** The award level voted on; 0 for "no award". */
  level_key: number
  member_user_id: number
  vote: CommitteeVote
  note: Generated<string>
  voted_at: string
}

export interface CommitteeRecusalTable {
  application_id: number
  member_user_id: number
  reason: string
  at: string
}

/** A committee member's declared tie to an organisation (migration 0060), from which conflicts are computed. */
export interface CommitteeMemberTieTable {
  id: Generated<number>
  user_id: number
  kind: 'currentEmployer' | 'formerEmployer' | 'consultingClient' | 'relativeEmployer' | 'competitor'
  name: string
  uscc: string | null
  /** YYYY-MM-DD; null while the tie runs (or for ties without an end). */
  ended_on: string | null
  declared_at: string
  /** When the member withdrew it (kept, so that what was declared when stays on the record). */
  withdrawn_at: string | null
}

/** The legal representative's confirmation of an application, as last given (issue 22). */
export interface LegalConfirmationTable {
  application_id: number
  representative: string
  /** The signed letter (an attachment with declaration key `legalLetter`) it was given with. */
  letter_attachment_id: number
  /** The application's version it holds for; any later change leaves it behind. */
  confirmed_version: number
  confirmed_by: number
  confirmed_at: string
}

/** A department's answer on a candidate's record (社会评价, migration 0056). */
export interface SocialAnswerTable {
  application_id: number
  department: string
  answer: 'clear' | 'adverse'
  note: Generated<string>
  letter_ref: Generated<string>
  recorded_by: number
  recorded_at: string
  /** The department's letter as a file (PDF or image), in the attachment store; none on answers entered before. */
  letter_sha256: Generated<string | null>
  letter_filename: Generated<string | null>
  letter_content_type: Generated<AttachmentType | null>
  letter_size: Generated<number | null>
}

/** A reminder of the social evaluation's outstanding answers, claimed once per cycle and kind. */
export interface SocialReminderTable {
  cycle_id: number
  kind: 'beforeDue' | 'overdue'
  claimed_at: string
}

/** The tally of the vote a decision was recorded on. */
export interface CommitteeTallyTable {
  id: Generated<number>
  application_id: number
  level_key: number
  members: number
  recused: number
  for_votes: number
  against_votes: number
  abstentions: number
  quorum: CommitteeFraction
  majority: CommitteeFraction
  recorded_by: number
  recorded_at: string
}

/** Each invitation of a staff account and each change of its offices (migration 0054). */
export interface OfficeChangeTable {
  id: Generated<number>
  user_id: number
  actor_user_id: number | null
  at: string
  event: 'invited' | 'officesChanged'
  /** Comma-separated, in the order of workflows/account/duties.ts's `offices`; '' for none. */
  offices_before: string
  offices_after: string
}

export interface AssignmentTable {
  id: Generated<number>
  application_id: number
  reviewer_id: number
  assigned_by: number
  assigned_at: string
  /** Set when the reviewer declared a conflict of interest (回避); the assignment then no longer counts. */
  recused_at: string | null
  recusal_reason: string | null
  /** The assignment's state (see workflows/review/assignment.machine.ts). */
  status: Generated<AssignmentStatus>
  version: Generated<number>
  /** The draw that chose this expert; null for an assignment made by hand before draws existed. */
  draw_id: number | null
  /** When the expert accepted (declaring no conflict), declined or declared a conflict. */
  responded_at: Generated<string | null>
  /** When and why the assignment ended: declined, recused or removed. */
  ended_at: Generated<string | null>
  end_reason: Generated<string | null>
  due_date: Generated<string | null>
  /** The application's cycle, copied by a trigger when the assignment is made (for the expert's dashboard). */
  cycle_id: Generated<number | null>
}

export type AssignmentStatus = 'invited' | 'accepted' | 'inProgress' | 'submitted' | 'declined' | 'recused' | 'removed'

export type ExpertKind = 'examiner' | 'industryExpert'

export interface ExpertTable {
  id: Generated<number>
  user_id: number
  kind: ExpertKind
  /** Fields of expertise, as the secretariat writes them. */
  fields: string
  /** JSON array of industry codes (app/forms/application.ts industries). */
  industries: string
  employer_name: string
  employer_uscc: string | null
  /** Comparison keys of the employer (workflows/experts/organisation-keys.ts, migration 0045). */
  employer_name_key: string | null
  employer_uscc_key: string | null
  qualification: string
  active: Generated<0 | 1>
  version: Generated<number>
  updated_at: string
}

export interface ExpertRelationTable {
  id: Generated<number>
  expert_id: number
  kind: 'formerEmployer' | 'consultingClient' | 'relativeEmployer' | 'competitor'
  name: string
  uscc: string | null
  /** YYYY-MM-DD; null while the tie runs (or for ties without an end). */
  ended_on: string | null
  /** Comparison keys (workflows/experts/organisation-keys.ts, migration 0045). */
  name_key: string | null
  uscc_key: string | null
}

export interface DrawTable {
  id: Generated<number>
  cycle_id: number
  kind: 'draw' | 'redraw'
  seed: number
  per_application: number
  load_cap: number
  /** JSON: the experts that could be drawn (id, name, industries and load in the cycle), as they stood at the draw. */
  candidates: string
  actor_user_id: number | null
  at: string
}

export interface DrawEntryTable {
  draw_id: number
  application_id: number
  /** JSON: each expert left out for this application, with the reason (a conflict names its kind and organisation). */
  exclusions: string
  /** JSON: the expert ids chosen. */
  chosen: string
  /** The applicant's industry and how many experts it still needed: inputs of the draw (null before 0038). */
  industry: string | null
  needed: number | null
}

export interface PasswordTokenTable {
  /** SHA-256 of the token: the link itself is only ever in the e-mail. */
  token_hash: string
  user_id: number
  purpose: 'invitation' | 'reset'
  created_at: string
  expires_at: string
  used_at: string | null
}

/** One draw in a cycle's public hash chain (migration 0042; workflows/review/draw-ledger.ts). */
export interface DrawLedgerTable {
  id: Generated<number>
  cycle_id: number
  /** 1, 2, … within the cycle's chain. */
  seq: number
  kind: string
  /** The record exactly as hashed (JSON text). */
  record: string
  prev_hash: string
  hash: string
  created_at: string
}

export interface DrawLedgerSaltTable {
  cycle_id: number
  salt: string
}

/** The secretariat's rating of an expert's work in a cycle (migration 0044). */
export interface ExpertRatingTable {
  cycle_id: number
  expert_user_id: number
  /** 1 (poor) to 5 (excellent). */
  rating: number
  note: string
  rated_by: number
  rated_at: string
}

/** A message in an application's thread between the secretariat and the applicant (migration 0052). */
export interface ApplicationMessageTable {
  id: Generated<number>
  application_id: number
  author_user_id: number
  body: string
  created_at: string
}

/** A user's saved filter of a list (migration 0051). */
/** The columns a user chose to see in a list (migration 0062). */
export interface ListColumnsTable {
  user_id: number
  page: string
  /** The chosen columns' names, comma-separated, in the list's order. */
  columns: string
}

export interface SavedFilterTable {
  id: Generated<number>
  user_id: number
  /** The list: 'desk'. */
  page: string
  name: string
  /** The list's query string, only the keys the list reads. */
  query: string
  created_at: string
}

/** A day an expert cannot attend a defence or site visit (migration 0050). */
export interface ExpertUnavailableDayTable {
  expert_user_id: number
  /** YYYY-MM-DD, Beijing. */
  day: string
}

/** An application's self-assessed total, kept at submission (migration 0049). */
export interface ApplicationSelfTotalTable {
  application_id: number
  items_scored: number
  /** Hundredths of a point; null unless every item was self-scored. */
  points: number | null
}

/** A one-time recovery code of an account's second factor (migration 0047), as a SHA-256 hash. */
export interface RecoveryCodeTable {
  id: Generated<number>
  user_id: number
  code_hash: string
  used_at: string | null
}

/** The second step of a login in progress: the password was right, the code is yet to come (migration 0047). */
export interface LoginChallengeTable {
  /** SHA-256 of the token in the browser's cookie. */
  token_hash: string
  user_id: number
  expires_at: string
  attempts: Generated<number>
}

/** An account's security record: second factor on or off, recovery codes made or used (migration 0047). */
export interface AccountEventTable {
  id: Generated<number>
  user_id: number
  at: string
  event: 'twoFactorOn' | 'twoFactorOff' | 'recoveryCodesMade' | 'recoveryCodeUsed'
}

/** A message the secretariat wrote to a group (migration 0046); each recipient's copy is an outbox row. */
export interface GroupMessageTable {
  id: Generated<number>
  cycle_id: number
  /** JSON of the audience (workflows/notifications/group-message.ts). */
  audience: string
  subject: string
  /** As written, placeholders unfilled. */
  body: string
  recipients: number
  sent_by: number
  sent_at: string
}

/** A registration not yet confirmed through the link mailed to its address (migration 0041). */
export interface PendingRegistrationTable {
  /** SHA-256 of the token: the link itself is only ever in the e-mail. */
  token_hash: string
  organisation_name: string
  uscc: string
  uscc_explanation: string | null
  contact_person: string
  email: string
  phone: string
  password_hash: string
  created_at: string
  expires_at: string
  used_at: string | null
}

export interface ScoreSheetTable {
  id: Generated<number>
  assignment_id: number
  status: 'draft' | 'submitted'
  version: Generated<number>
  updated_at: string
  submitted_at: string | null
  /** Written at submission: the sheet's total, 4.7 and 4.1 points in hundredths (null while a draft). */
  total: Generated<number | null>
  results: Generated<number | null>
  leadership: Generated<number | null>
}

export interface ItemScoreTable {
  sheet_id: number
  item_id: number
  percentage: number
}

export interface CategoryCommentTable {
  sheet_id: number
  category_id: number
  strengths: string
  opportunities: string
}

export interface OutboxTable {
  id: Generated<number>
  kind: string
  recipient: string
  payload: string
  created_at: string
  sent_at: string | null
  /** When the recipient read it in the app's inbox; null while unread. */
  read_at: Generated<string | null>
  /** Until when a process sending it holds it (db/migrations/0053); null when no one does. */
  claimed_until: Generated<string | null>
}

/** The secretariat's confirmation of one eligibility condition of one application. */
export interface EligibilityConfirmationTable {
  application_id: number
  condition_key: string
  met: number
  note: string | null
  confirmed_by: number
  confirmed_at: string
}

/** A day of the official holiday calendar the secretariat entered; replaced entries are kept. */
export interface OfficialCalendarDayTable {
  id: Generated<number>
  year: number
  date: string
  kind: 'holiday' | 'workday'
  entered_by: number
  entered_at: string
  replaced_at: string | null
}

/** rate-limiter-flexible's counters: `expire` in milliseconds since the epoch, as that library writes it. */
export interface RateLimitTable {
  key: string
  points: number
  expire: number | null
}

export interface ConsensusRoundTable {
  application_id: number
  recorded_by: number
  recorded_at: string
  note: string
  /** Set when the round was recorded although the totals did not spread beyond the threshold: why. */
  outside_threshold_reason: string | null
  /** The agreed sheet's total, 4.7 and 4.1 points in hundredths, written with it. */
  total: Generated<number | null>
  results: Generated<number | null>
  leadership: Generated<number | null>
}

export interface ConsensusAgreementTable {
  application_id: number
  reviewer_id: number
}

export interface ConsensusScoreTable {
  application_id: number
  item_id: number
  percentage: number
}

export interface CreditCheckTable {
  id: Generated<number>
  application_id: number
  checked_by: number
  checked_at: string
  source: 'service' | 'manual'
  dishonest: 0 | 1
  summary: string
}

export type AttachmentType = 'application/pdf' | 'image/png' | 'image/jpeg'

export interface AttachmentTable {
  id: Generated<number>
  application_id: number
  /** The eligibility condition it supports, or null for general evidence. */
  declaration_key: string | null
  filename: string
  content_type: AttachmentType
  size: number
  sha256: string
  uploaded_by: number
  uploaded_at: string
}

/** An application's long texts, apart from its row: the multi-step form's fields as typed (JSON), parsed when used. */
export interface ApplicationTextTable {
  application_id: number
  profile: string | null
  declarations: string | null
  self_assessment: string | null
}

/** An application's document-review standing, kept current by the transactions that change it. */
export interface ApplicationStandingTable {
  application_id: number
  cycle_id: number
  /** Hundredths; null without submitted sheets. */
  score: number | null
  results: number | null
  leadership: number | null
  sheets: number
  /** The consensus total where one stands (hundredths), else null. */
  consensus: number | null
}

export interface DraftReminderTable {
  application_id: number
  kind: 'weekBefore' | 'dayBefore'
  claimed_at: string
}

export interface DigestTable {
  /** The Monday (Beijing date) the weekly digest is for. */
  week_of: string
  claimed_at: string
}

/** Moved by triggers whenever anything the ranking or the desk's counts read changes in a cycle (migration 0033). */
export interface CycleGenerationTable {
  cycle_id: number
  generation: number
}

export interface Database {
  organisations: OrganisationTable
  users: UserTable
  sessions: SessionTable
  criteria_editions: CriteriaEditionTable
  criteria_categories: CriteriaCategoryTable
  criteria_items: CriteriaItemTable
  cycles: CycleTable
  cycle_categories: CycleCategoryTable
  cycle_required_evidence: CycleRequiredEvidenceTable
  award_levels: AwardLevelTable
  applications: ApplicationTable
  audit_log: AuditLogTable
  assignments: AssignmentTable
  experts: ExpertTable
  expert_relations: ExpertRelationTable
  draws: DrawTable
  draw_entries: DrawEntryTable
  password_tokens: PasswordTokenTable
  pending_registrations: PendingRegistrationTable
  draw_ledger: DrawLedgerTable
  draw_ledger_salts: DrawLedgerSaltTable
  expert_ratings: ExpertRatingTable
  user_offices: UserOfficeTable
  office_changes: OfficeChangeTable
  committee_votes: CommitteeVoteTable
  committee_recusals: CommitteeRecusalTable
  committee_tallies: CommitteeTallyTable
  social_answers: SocialAnswerTable
  social_reminders: SocialReminderTable
  legal_confirmations: LegalConfirmationTable
  committee_member_ties: CommitteeMemberTieTable
  draft_edits: DraftEditTable
  cycle_archives: CycleArchiveTable
  rehearsals: RehearsalTable
  archive_downloads: ArchiveDownloadTable
  group_messages: GroupMessageTable
  recovery_codes: RecoveryCodeTable
  application_self_totals: ApplicationSelfTotalTable
  expert_unavailable_days: ExpertUnavailableDayTable
  saved_filters: SavedFilterTable
  list_columns: ListColumnsTable
  application_messages: ApplicationMessageTable
  login_challenges: LoginChallengeTable
  account_events: AccountEventTable
  review_reminders: ReviewReminderTable
  score_sheets: ScoreSheetTable
  item_scores: ItemScoreTable
  category_comments: CategoryCommentTable
  outbox: OutboxTable
  objections: ObjectionTable
  objection_evidence: ObjectionEvidenceTable
  rate_limits: RateLimitTable
  official_calendar_days: OfficialCalendarDayTable
  eligibility_confirmations: EligibilityConfirmationTable
  consensus_rounds: ConsensusRoundTable
  consensus_agreements: ConsensusAgreementTable
  consensus_scores: ConsensusScoreTable
  credit_checks: CreditCheckTable
  attachments: AttachmentTable
  defences: DefenceTable
  site_visits: SiteVisitTable
  panel_members: PanelMemberTable
  panel_draws: PanelDrawTable
  defence_sheets: DefenceSheetTable
  defence_scores: DefenceScoreTable
  site_visit_items: SiteVisitItemTable
  site_visit_findings: SiteVisitFindingTable
  application_standings: ApplicationStandingTable
  application_texts: ApplicationTextTable
  draft_reminders: DraftReminderTable
  digests: DigestTable
  cycle_generations: CycleGenerationTable
}

/** The application's long texts, written with it though stored apart (application_texts). */
export type ApplicationTexts = Omit<Selectable<ApplicationTextTable>, 'application_id'>
export type Application = Selectable<ApplicationTable> & ApplicationTexts
export type NewApplication = Insertable<ApplicationTable> & ApplicationTexts
export type ApplicationUpdate = Updateable<ApplicationTable> & Partial<ApplicationTexts>
export type User = Selectable<UserTable>
export type Cycle = Selectable<CycleTable>
export type AwardLevel = Selectable<AwardLevelTable>
export type CriteriaCategory = Selectable<CriteriaCategoryTable>
export type CriteriaItem = Selectable<CriteriaItemTable>
export type AuditEntry = Selectable<AuditLogTable>
