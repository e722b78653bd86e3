import chineseDays from 'chinese-days/dist/chinese-days.json'

/**
 * Which days are working days in mainland China: Monday to Friday, less the statutory holidays, plus the
 * weekend days worked in their place (调休上班). The State Council publishes each year's calendar late in the
 * year before; the chinese-days package carries the published years, and the secretariat enters a year the
 * package does not know yet (its entries replace the package's days for that year).
 */
export interface OfficialCalendar {
  holidays: ReadonlySet<string>
  workdays: ReadonlySet<string>
  /** Years whose official calendar is known; for any other year only weekends are known. */
  knownYears: ReadonlySet<number>
}

const yearOf = (date: string) => Number(date.slice(0, 4))

let builtIn: OfficialCalendar | undefined

/** The calendar the chinese-days package carries. */
export function builtInCalendar(): OfficialCalendar {
  if (!builtIn) {
    const holidays = new Set(Object.keys(chineseDays.holidays))
    const workdays = new Set(Object.keys(chineseDays.workdays))
    builtIn = { holidays, workdays, knownYears: new Set([...holidays].map(yearOf)) }
  }
  return builtIn
}

/** The built-in calendar with the secretariat's entered years in place of the package's for those years. */
export function withEnteredYears(
  base: OfficialCalendar,
  entered: ReadonlyArray<{ date: string; kind: 'holiday' | 'workday' }>,
): OfficialCalendar {
  const years = new Set(entered.map((day) => yearOf(day.date)))
  const keep = (date: string) => !years.has(yearOf(date))
  return {
    holidays: new Set([
      ...[...base.holidays].filter(keep),
      ...entered.filter((d) => d.kind === 'holiday').map((d) => d.date),
    ]),
    workdays: new Set([
      ...[...base.workdays].filter(keep),
      ...entered.filter((d) => d.kind === 'workday').map((d) => d.date),
    ]),
    knownYears: new Set([...base.knownYears, ...years]),
  }
}

/** A calendar date (YYYY-MM-DD): a working day of the official calendar. */
export function isWorkingDay(date: string, calendar: OfficialCalendar): boolean {
  if (calendar.holidays.has(date)) return false
  if (calendar.workdays.has(date)) return true
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/** The years between two calendar dates whose official calendar is not known (only weekends were counted). */
export function unknownYears(from: string, to: string, calendar: OfficialCalendar): number[] {
  const years: number[] = []
  for (let year = yearOf(from); year <= yearOf(to); year++) if (!calendar.knownYears.has(year)) years.push(year)
  return years
}
