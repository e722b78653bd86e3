import type { Executor } from './types'

export interface CalendarDay {
  date: string
  kind: 'holiday' | 'workday'
}

/** The entered calendar in force: every year's current entries. */
export function listOfficialCalendarDays(db: Executor) {
  return db
    .selectFrom('official_calendar_days')
    .select(['year', 'date', 'kind', 'entered_at'])
    .where('replaced_at', 'is', null)
    .orderBy('date')
    .execute()
}

/** Replaces a year's entries: the earlier ones are marked replaced, not deleted. */
export async function replaceOfficialCalendarYear(
  trx: Executor,
  input: { year: number; days: readonly CalendarDay[]; enteredBy: number; at: string },
): Promise<void> {
  await trx
    .updateTable('official_calendar_days')
    .set({ replaced_at: input.at })
    .where('year', '=', input.year)
    .where('replaced_at', 'is', null)
    .execute()
  if (input.days.length === 0) return
  await trx
    .insertInto('official_calendar_days')
    .values(
      input.days.map((day) => ({
        year: input.year,
        date: day.date,
        kind: day.kind,
        entered_by: input.enteredBy,
        entered_at: input.at,
        replaced_at: null,
      })),
    )
    .execute()
}
