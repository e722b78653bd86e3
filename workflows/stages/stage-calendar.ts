/**
 * The award's dates in a calendar (issue 24): defence slots and site visits as events for whoever takes part (the
 * applicant, the panel or team members, the secretariat), to add to their own calendar. Pure: the rows in, the
 * events out; the file format is the route's business.
 */

export interface StageSlotRow {
  application_id: number
  organisation_name: string
  year: number
  /** Beijing local time, 'YYYY-MM-DDTHH:mm'. */
  starts_at: string | null
  minutes: number | null
  place: string | null
  /** Beijing date, 'YYYY-MM-DD'. */
  visit_date: string | null
  address: string | null
}

export interface StageEvent {
  /** Stable across downloads, so a calendar updates the event rather than adding it twice. */
  uid: string
  kind: 'defence' | 'siteVisit'
  applicationId: number
  organisation: string
  year: number
  /** A defence: its start in UTC and its length; a site visit: its (Beijing) day, all day. */
  start: { utc: [number, number, number, number, number]; minutes: number } | { day: [number, number, number] }
  location: string
}

/**
 * An expert's seats as slots: one row per seat, with only that seat's stage, so a defence panel member is not sent
 * the site visit's day.
 */
export function slotsOfSeats(seats: ReadonlyArray<StageSlotRow & { stage: 'defence' | 'siteVisit' }>): StageSlotRow[] {
  return seats.map((seat) => {
    const defence = seat.stage === 'defence'
    return {
      application_id: seat.application_id,
      organisation_name: seat.organisation_name,
      year: seat.year,
      starts_at: defence ? seat.starts_at : null,
      minutes: defence ? seat.minutes : null,
      place: defence ? seat.place : null,
      visit_date: defence ? null : seat.visit_date,
      address: defence ? null : seat.address,
    }
  })
}

/** Beijing is UTC+8 all year (no daylight saving). */
function beijingToUtc(local: string): [number, number, number, number, number] {
  const [date, time] = local.split('T') as [string, string]
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const [h, min] = time.split(':').map(Number) as [number, number]
  const utc = new Date(Date.UTC(y, m - 1, d, h - 8, min))
  return [utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate(), utc.getUTCHours(), utc.getUTCMinutes()]
}

export function stageEvents(rows: readonly StageSlotRow[]): StageEvent[] {
  const events: StageEvent[] = []
  for (const row of rows) {
    const base = { applicationId: row.application_id, organisation: row.organisation_name, year: row.year }
    if (row.starts_at && row.minutes !== null)
      events.push({
        ...base,
        uid: `defence-${row.application_id}@szmqa`,
        kind: 'defence',
        start: { utc: beijingToUtc(row.starts_at), minutes: row.minutes },
        location: row.place ?? '',
      })
    if (row.visit_date)
      events.push({
        ...base,
        uid: `site-visit-${row.application_id}@szmqa`,
        kind: 'siteVisit',
        start: { day: row.visit_date.split('-').map(Number) as [number, number, number] },
        location: row.address ?? '',
      })
  }
  return events
}
