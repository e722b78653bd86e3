import { describe, expect, it } from 'vitest'
import * as availability from '~/routes/review.availability'
import { addDays, beijingToday } from '../../workflows/time'
import { world } from '../integration/helpers'
import { args, get, post, respond } from './http'

describe('the expert\u2019s days they cannot attend', () => {
  it('adds and takes back the expert\u2019s own days, refuses a past one saying why, and is for experts only', async () => {
    const w = await world()
    const expert = w.reviewers[0]!.userId
    const day = addDays(beijingToday(), 10)
    const act = async (fields: Record<string, string>, userId = expert) =>
      respond(async () => availability.action(args(await post('/review/availability', fields, { userId }))))
    const days = async (userId: number) =>
      (
        (await (
          await respond(async () => availability.loader(args(await get('/review/availability', userId))))
        ).json()) as {
          days: string[]
        }
      ).days

    expect((await act({ intent: 'add', day })).status).toBe(302)
    expect(await days(expert)).toEqual([day])
    expect(await days(w.reviewers[1]!.userId)).toEqual([])
    const past = await act({ intent: 'add', day: addDays(beijingToday(), -1) })
    expect(past.status).toBe(400)
    expect(await past.json()).toMatchObject({ fieldErrors: { day: 'errors.dayInPast' } })
    expect((await act({ intent: 'remove', day })).status).toBe(302)
    expect(await days(expert)).toEqual([])
    expect((await act({ intent: 'add', day }, w.admin.userId)).status).toBe(403)
    expect(
      (await respond(async () => availability.loader(args(await get('/review/availability', w.admin.userId))))).status,
    ).toBe(403)
  })
})
