import { describe, expect, it } from 'vitest'
import * as desk from '~/routes/admin._index'
import { createStaffAccount } from '../../db/factories'
import { world } from '../integration/helpers'
import { args, get, post, respond } from './http'

interface DeskData {
  savedFilters: Array<{ id: number; name: string; query: string }>
}

describe('saved filters on the desk (issue 24)', () => {
  it('saves the desk\u2019s filter under a name for its user only, keeps only the desk\u2019s keys, and deletes it', async () => {
    const w = await world()
    const colleague = await createStaffAccount(w.db, {
      role: 'admin',
      name: '秘书处二',
      email: `admin2-${w.cycle.year}@t.example`,
      password: 'password-123',
    })
    const act = async (query: string, fields: Record<string, string>, userId = w.admin.userId) =>
      respond(async () => desk.action(args(await post(`/admin?index&${query}`, fields, { userId }))))
    const savedOf = async (userId: number) =>
      ((await (await respond(async () => desk.loader(args(await get('/admin', userId))))).json()) as DeskData)
        .savedFilters

    const saved = await act('status=documentReview&category=economy&evil=1', {
      intent: 'saveFilter',
      filterName: ' 经济类评审中 ',
    })
    expect(saved.status).toBe(302)
    expect(saved.headers.get('location')).toBe('/admin?status=documentReview&category=economy')
    expect(await savedOf(w.admin.userId)).toEqual([
      { id: expect.any(Number), name: '经济类评审中', query: 'status=documentReview&category=economy' },
    ])
    expect(await savedOf(colleague.userId)).toEqual([])

    // The same name again replaces the query; a name too long or no filter at all is refused, saying why.
    await act('q=%E7%94%B2', { intent: 'saveFilter', filterName: '经济类评审中' })
    expect((await savedOf(w.admin.userId)).map((f) => f.query)).toEqual(['q=%E7%94%B2'])
    const long = await act('q=x', { intent: 'saveFilter', filterName: '长'.repeat(41) })
    expect(long.status).toBe(400)
    expect(await long.json()).toMatchObject({ messageKey: 'errors.tooLong', panel: 'filters' })
    expect((await act('', { intent: 'saveFilter', filterName: '空' })).status).toBe(400)

    // Another user's id deletes nothing; the owner's deletes it.
    const [mine] = await savedOf(w.admin.userId)
    await act('', { intent: 'deleteFilter', id: String(mine!.id) }, colleague.userId)
    expect(await savedOf(w.admin.userId)).toHaveLength(1)
    await act('', { intent: 'deleteFilter', id: String(mine!.id) })
    expect(await savedOf(w.admin.userId)).toEqual([])
  })
})
