import { describe, expect, it } from 'vitest'
import { createStaffAccount } from '../../db/factories'
import * as desk from '~/routes/admin._index'
import * as experts from '~/routes/admin.experts._index'
import { world } from '../integration/helpers'
import { args, get, post, respond } from './http'

/** Issue 24: each member of staff chooses the desk's columns for themselves. */
describe('the desk’s columns', () => {
  it('shows every column until a user chooses, keeps the choice for that user only, and refuses a column it has not', async () => {
    const w = await world()
    const colleague = await createStaffAccount(w.db, {
      role: 'admin',
      name: '另一位秘书处人员',
      email: `columns-${w.cycle.year}@t.example`,
      password: 'password-123',
      offices: ['secretariat'],
    })
    const columnsOf = async (userId: number) =>
      (
        (await (await respond(async () => desk.loader(args(await get('/admin?status=scored', userId))))).json()) as {
          columns: string[]
        }
      ).columns
    const choose = async (userId: number, columns: string[]) =>
      respond(async () =>
        desk.action(
          args(
            await post(
              '/admin?status=scored',
              new URLSearchParams([['intent', 'columns'], ...columns.map((c) => ['columns', c] as [string, string])]),
              { userId },
            ),
          ),
        ),
      )
    expect(await columnsOf(w.admin.userId)).toEqual(['category', 'score', 'sheets', 'updated'])

    const chosen = await choose(w.admin.userId, ['updated', 'score'])
    expect(chosen.status).toBe(302)
    // Back to the list as it was shown.
    expect(chosen.headers.get('location')).toBe('/admin?status=scored')
    expect(await columnsOf(w.admin.userId)).toEqual(['score', 'updated'])
    expect(await columnsOf(colleague.userId)).toEqual(['category', 'score', 'sheets', 'updated'])

    const refused = await choose(w.admin.userId, ['score', 'password_hash'])
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({ messageKey: 'errors.choose', panel: 'columns' })
    expect(await columnsOf(w.admin.userId)).toEqual(['score', 'updated'])

    // None ticked: the three that name a row stay, nothing else.
    expect((await choose(w.admin.userId, [])).status).toBe(302)
    expect(await columnsOf(w.admin.userId)).toEqual([])
  })

  it('lets each member of staff choose the expert pool’s columns too, the pool returned to as it was', async () => {
    const w = await world()
    const pool = async () =>
      (
        (await (
          await respond(async () => experts.loader(args(await get('/admin/experts?sort=ratingHigh', w.admin.userId))))
        ).json()) as {
          columns: string[]
        }
      ).columns
    expect(await pool()).toEqual(['kind', 'fields', 'employer', 'load', 'rating', 'state'])
    const chosen = await respond(async () =>
      experts.action(
        args(
          await post(
            '/admin/experts?sort=ratingHigh',
            new URLSearchParams([
              ['intent', 'columns'],
              ['columns', 'rating'],
              ['columns', 'load'],
            ]),
            { userId: w.admin.userId },
          ),
        ),
      ),
    )
    expect(chosen.status).toBe(302)
    expect(chosen.headers.get('location')).toBe('/admin/experts?sort=ratingHigh')
    expect(await pool()).toEqual(['load', 'rating'])
    // The desk's choice is the desk's own.
    const deskColumns = (
      (await (await respond(async () => desk.loader(args(await get('/admin', w.admin.userId))))).json()) as {
        columns: string[]
      }
    ).columns
    expect(deskColumns).toEqual(['category', 'score', 'sheets', 'updated'])
  })
})
