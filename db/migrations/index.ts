import type { Migration, MigrationProvider } from 'kysely'
import * as m0001 from './0001_initial'
import * as m0002 from './0002_gbt19580_2012'
import * as m0003 from './0003_aggregation_and_recusal'
import * as m0004 from './0004_public_notice_and_objections'
import * as m0005 from './0005_login_failures'
import * as m0006 from './0006_reviewer_normalisation'
import * as m0007 from './0007_consensus'
import * as m0008 from './0008_credit_checks'
import * as m0009 from './0009_attachments'
import * as m0010 from './0010_audit_insert_only_new_ids'
import * as m0011 from './0011_rate_limits'
import * as m0012 from './0012_official_calendar'
import * as m0013 from './0013_consensus_agreement'
import * as m0014 from './0014_eligibility_confirmations'
import * as m0015 from './0015_correction_due_date'
import * as m0016 from './0016_required_evidence'
import * as m0017 from './0017_objection_evidence'
import * as m0018 from './0018_expert_pool'
import * as m0019 from './0019_review_due_date'
import * as m0020 from './0020_review_reminders'
import * as m0021 from './0021_city_approval'
import * as m0022 from './0022_shortlist'
import * as m0023 from './0023_defence_and_site_visit'
import * as m0024 from './0024_award_types'
import * as m0025 from './0025_defence_presentation'
import * as m0026 from './0026_stored_sheet_totals'
import * as m0027 from './0027_application_standings'
import * as m0028 from './0028_desk_index'
import * as m0029 from './0029_application_texts'
import * as m0030 from './0030_inbox'
import * as m0031 from './0031_draft_reminders'
import * as m0032 from './0032_digests'
import * as m0033 from './0033_cycle_generations'
import * as m0034 from './0034_assignment_cycle'
import * as m0035 from './0035_reference_generation'
import * as m0036 from './0036_intake_closing'
import * as m0037 from './0037_objection_submission_token'
import * as m0038 from './0038_draw_inputs'
import * as m0039 from './0039_panel_declarations'
import * as m0040 from './0040_panel_draw_inputs'
import * as m0041 from './0041_pending_registrations'
import * as m0042 from './0042_draw_ledger'
import * as m0043 from './0043_draw_only_activated'
import * as m0044 from './0044_expert_ratings'
import * as m0045 from './0045_organisation_keys'
import * as m0046 from './0046_group_messages'
import * as m0047 from './0047_two_factor'
import * as m0048 from './0048_draw_min_rating'
import * as m0049 from './0049_self_totals'
import * as m0050 from './0050_expert_unavailable_days'
import * as m0051 from './0051_saved_filters'
import * as m0052 from './0052_application_messages'
import * as m0053 from './0053_outbox_claims'
import * as m0054 from './0054_staff_offices'
import * as m0055 from './0055_committee_vote'
import * as m0056 from './0056_social_evaluation'
import * as m0057 from './0057_team_members'
import * as m0058 from './0058_cycle_archive'
import * as m0059 from './0059_legal_confirmations'
import * as m0060 from './0060_committee_member_ties'
import * as m0061 from './0061_social_letters_due_date'
import * as m0062 from './0062_list_columns'
import * as m0063 from './0063_rehearsals'
import * as m0064 from './0064_generation_trigger_once'

// A static list, not a folder scan, so migrations survive bundling into build/server.
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_gbt19580_2012': m0002,
  '0003_aggregation_and_recusal': m0003,
  '0004_public_notice_and_objections': m0004,
  '0005_login_failures': m0005,
  '0006_reviewer_normalisation': m0006,
  '0007_consensus': m0007,
  '0008_credit_checks': m0008,
  '0009_attachments': m0009,
  '0010_audit_insert_only_new_ids': m0010,
  '0011_rate_limits': m0011,
  '0012_official_calendar': m0012,
  '0013_consensus_agreement': m0013,
  '0014_eligibility_confirmations': m0014,
  '0015_correction_due_date': m0015,
  '0016_required_evidence': m0016,
  '0017_objection_evidence': m0017,
  '0018_expert_pool': m0018,
  '0019_review_due_date': m0019,
  '0020_review_reminders': m0020,
  '0021_city_approval': m0021,
  '0022_shortlist': m0022,
  '0023_defence_and_site_visit': m0023,
  '0024_award_types': m0024,
  '0025_defence_presentation': m0025,
  '0026_stored_sheet_totals': m0026,
  '0027_application_standings': m0027,
  '0028_desk_index': m0028,
  '0029_application_texts': m0029,
  '0030_inbox': m0030,
  '0031_draft_reminders': m0031,
  '0032_digests': m0032,
  '0033_cycle_generations': m0033,
  '0034_assignment_cycle': m0034,
  '0035_reference_generation': m0035,
  '0036_intake_closing': m0036,
  '0037_objection_submission_token': m0037,
  '0038_draw_inputs': m0038,
  '0039_panel_declarations': m0039,
  '0040_panel_draw_inputs': m0040,
  '0041_pending_registrations': m0041,
  '0042_draw_ledger': m0042,
  '0043_draw_only_activated': m0043,
  '0044_expert_ratings': m0044,
  '0045_organisation_keys': m0045,
  '0046_group_messages': m0046,
  '0047_two_factor': m0047,
  '0048_draw_min_rating': m0048,
  '0049_self_totals': m0049,
  '0050_expert_unavailable_days': m0050,
  '0051_saved_filters': m0051,
  '0052_application_messages': m0052,
  '0053_outbox_claims': m0053,
  '0054_staff_offices': m0054,
  '0055_committee_vote': m0055,
  '0056_social_evaluation': m0056,
  '0057_team_members': m0057,
  '0058_cycle_archive': m0058,
  '0059_legal_confirmations': m0059,
  '0060_committee_member_ties': m0060,
  '0061_social_letters_due_date': m0061,
  '0062_list_columns': m0062,
  '0063_rehearsals': m0063,
  '0064_generation_trigger_once': m0064,
}

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations
  },
}
