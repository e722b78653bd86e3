import type { DB } from '#db/client.server'
import { addUnavailableDay, removeUnavailableDay } from '#db/repositories/unavailability'
import type { Actor } from '../application/application.policy'
import { forbidden, fieldRefusal } from '../errors'
import { isoDate } from '../fields'
import { addDays, beijingToday } from '../time'

/** How far ahead an expert may mark a day: the award's cycle is a year; two leave room for the next one. */
const aheadDays = 730

/**
 * An expert marks a day they cannot attend (issue 24): panel and team draws for a defence or site visit that day
 * leave them out. A day from today (Beijing) to two years ahead; marking it twice is marking it once.
 */
export async function markUnavailable(db: DB, input: { actor: Actor; day: string; now?: Date }): Promise<void> {
  if (input.actor.role !== 'reviewer') throw forbidden()
  const today = beijingToday(input.now)
  if (!isoDate.safeParse(input.day).success) throw fieldRefusal('day', 400, 'errors.date')
  if (input.day < today) throw fieldRefusal('day', 400, 'errors.dayInPast')
  if (input.day > addDays(today, aheadDays)) throw fieldRefusal('day', 400, 'errors.dayTooFar')
  await addUnavailableDay(db, input.actor.userId, input.day)
}

/** The expert takes a day back: draws may seat them that day again. */
export async function unmarkUnavailable(db: DB, input: { actor: Actor; day: string }): Promise<void> {
  if (input.actor.role !== 'reviewer') throw forbidden()
  await removeUnavailableDay(db, input.actor.userId, input.day.slice(0, 10))
}
