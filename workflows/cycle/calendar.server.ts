import type { DB } from '#db/client.server'
import { appendAudit } from '#db/repositories/audit'
import { type CalendarDay, listOfficialCalendarDays, replaceOfficialCalendarYear } from '#db/repositories/calendar'
import { getCycle } from '#db/repositories/cycles'
import { type Executor, nowIso } from '#db/repositories/types'
import type { Actor } from '../application/application.policy'
import { mayAct } from '../account/duties'
import { forbidden, notFound, WorkflowError } from '../errors'
import { cycleAuditReason } from './cycle-audit'
import { builtInCalendar, type OfficialCalendar, withEnteredYears } from './working-days'

/** The official calendar in force: the built-in one, with the years the secretariat entered in their place. */
export async function officialCalendar(db: Executor): Promise<OfficialCalendar> {
  return withEnteredYears(builtInCalendar(), await listOfficialCalendarDays(db))
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/

function isCalendarDate(value: string): boolean {
  if (!isoDate.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

/**
 * The secretariat enters a year's official calendar as the State Council published it: the days off and the
 * weekend days worked in their place. Every date must be a real date of that year and appear once; a year
 * always has holidays (New Year's Day at least). Recorded in the cycle's history.
 */
export async function enterOfficialCalendar(
  db: DB,
  input: {
    actor: Actor
    cycleId: number
    year: number
    holidays: readonly string[]
    workdays: readonly string[]
    now?: string
  },
): Promise<{ holidays: number; workdays: number }> {
  if (!mayAct(input.actor, 'runCycle')) throw forbidden()
  const now = input.now ?? nowIso()
  const field = (name: 'holidays' | 'workdays', key: string, dates?: string) =>
    new WorkflowError(400, key, `${name}: ${dates ?? ''}`, { dates: dates ?? '' })
  for (const name of ['holidays', 'workdays'] as const) {
    const wrong = input[name].filter((date) => !isCalendarDate(date) || Number(date.slice(0, 4)) !== input.year)
    if (wrong.length > 0) throw field(name, 'errors.calendarDates', wrong.join('、'))
  }
  const both = input.holidays.filter((date) => input.workdays.includes(date))
  if (both.length > 0) throw field('workdays', 'errors.calendarBoth', both.join('、'))
  if (input.holidays.length === 0) throw field('holidays', 'errors.calendarNoHolidays')
  const days: CalendarDay[] = [
    ...[...new Set(input.holidays)].map((date) => ({ date, kind: 'holiday' as const })),
    ...[...new Set(input.workdays)].map((date) => ({ date, kind: 'workday' as const })),
  ]
  return db.transaction().execute(async (trx) => {
    const cycle = await getCycle(trx, input.cycleId)
    if (!cycle) throw notFound()
    await replaceOfficialCalendarYear(trx, { year: input.year, days, enteredBy: input.actor.userId, at: now })
    const counts = {
      holidays: days.filter((d) => d.kind === 'holiday').length,
      workdays: days.filter((d) => d.kind === 'workday').length,
    }
    await appendAudit(trx, {
      entity: 'cycle',
      entityId: cycle.id,
      actorUserId: input.actor.userId,
      at: now,
      fromState: 'open',
      toState: 'open',
      event: 'ENTER_OFFICIAL_CALENDAR',
      reason: cycleAuditReason({ kind: 'calendar', year: input.year, ...counts }),
    })
    return counts
  })
}
