import type { Executor } from '#db/repositories/types'
import {
  getDefence,
  getSiteVisit,
  listDefenceSheetsOfApplication,
  listPanel,
  listSiteVisitFindings,
  listRecordedSiteVisitScores,
  listSubmittedDefenceScores,
} from '#db/repositories/stages'
import type { Cycle } from '#db/schema'
import { formatPoints, type Hundredths } from '#workflows/review/scoring'
import { pointsOf, termsOf } from '#workflows/stages/stage-scores'
import type { Standing } from '#workflows/review/standings.server'
import { groupBy } from '#workflows/group-by'

const shown = (points: { total: Hundredths } | null) => (points === null ? null : formatPoints(points.total))

/** The second half of one application as the secretariat's page shows it: slots, panels, sheets and scores. */
export async function secondHalfForSecretariat(
  db: Executor,
  application: { id: number; cycle_id: number },
  cycle: Cycle,
  /** The application's document standing, as the page has read it. */
  standing: Standing,
) {
  const [defence, visit, panel, team, sheets, findings, defenceRows, visitRows] = await Promise.all([
    getDefence(db, application.id),
    getSiteVisit(db, application.id),
    listPanel(db, 'defence', application.id),
    listPanel(db, 'siteVisit', application.id),
    listDefenceSheetsOfApplication(db, application.id),
    listSiteVisitFindings(db, application.id),
    listSubmittedDefenceScores(db, { applicationId: application.id }),
    listRecordedSiteVisitScores(db, { applicationId: application.id }),
  ])
  const terms = termsOf(application.id, cycle, standing, defenceRows, visitRows)
  const totals = new Map(
    [...groupBy(defenceRows, (r) => r.sheet_id)].map(([sheetId, rows]) => [
      sheetId,
      formatPoints(pointsOf(rows).total),
    ]),
  )
  return {
    defaultMinutes: cycle.defence_minutes,
    defence: defence
      ? {
          startsAt: defence.starts_at,
          minutes: defence.minutes,
          place: defence.place,
          confirmed: defence.confirmed_at !== null,
          presentation: defence.presentation_filename,
        }
      : null,
    panel: panel.map((member) => {
      const sheet = sheets.find((s) => s.expert_user_id === member.expert_user_id)
      return {
        name: member.display_name,
        sheet: sheet?.status ?? null,
        total: sheet ? (totals.get(sheet.id) ?? null) : null,
        notes: sheet?.status === 'submitted' ? sheet.notes : '',
      }
    }),
    visit: visit
      ? {
          date: visit.visit_date,
          address: visit.address,
          confirmed: visit.confirmed_at !== null,
          recorded: visit.recorded_at !== null,
        }
      : null,
    team: team.map((member) => ({ name: member.display_name, leader: member.is_leader === 1 })),
    findings: visit?.recorded_at ? findings : [],
    scores: {
      document: shown(terms.document),
      defence: shown(terms.defence),
      siteVisit: shown(terms.siteVisit),
      final: terms.final ? formatPoints(terms.final.final.total) : null,
      weights: terms.weights,
    },
  }
}

/**
 * What the applicant sees of its second half: its defence slot and site-visit date with whether it confirmed
 * them, never who sits on the panel or the team; after publication the panel's notes (without names) and the
 * team's findings join its feedback report.
 */
export async function secondHalfForApplicant(db: Executor, application: { id: number; status: string }) {
  const [defence, visit] = await Promise.all([getDefence(db, application.id), getSiteVisit(db, application.id)])
  const published = application.status === 'published'
  const [sheets, findings] = published
    ? await Promise.all([listDefenceSheetsOfApplication(db, application.id), listSiteVisitFindings(db, application.id)])
    : [[], []]
  return {
    defence: defence
      ? {
          startsAt: defence.starts_at,
          minutes: defence.minutes,
          place: defence.place,
          confirmed: defence.confirmed_at !== null,
          confirmable: application.status === 'defenceScheduled',
          presentation: defence.presentation_filename,
        }
      : null,
    visit: visit
      ? {
          date: visit.visit_date,
          address: visit.address,
          confirmed: visit.confirmed_at !== null,
          confirmable: application.status === 'siteVisitScheduled',
        }
      : null,
    feedback: published
      ? {
          defenceNotes: sheets.filter((s) => s.status === 'submitted' && s.notes.trim()).map((s) => s.notes),
          findings: visit?.recorded_at ? findings.map((f) => ({ severity: f.severity, text: f.text })) : [],
        }
      : null,
  }
}
