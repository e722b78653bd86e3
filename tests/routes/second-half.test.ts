import { describe, expect, it } from 'vitest'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { getDefence, getSiteVisit, listPanel } from '../../db/repositories/stages'
import * as adminApplication from '~/routes/admin.applications.$id/route'
import * as applicantView from '~/routes/applicant.applications.$id._index'
import * as defenceSheet from '~/routes/review.defence.$id'
import * as siteVisitSheet from '~/routes/review.site-visit.$id'
import * as dashboard from '~/routes/review._index'
import * as rankingCsv from '~/routes/admin.ranking[.]csv'
import { parse } from 'csv-parse/sync'
import {
  confirmSlot,
  inDocumentReview,
  shortlistEconomy,
  slotHasCome,
  submitSheet,
  world,
} from '../integration/helpers'
import { args, get, post, respond, upload } from './http'
import * as presentation from '~/routes/applicant.applications.$id.presentation'
import * as presentationDownload from '~/routes/defence-presentation.$id'

/** A shortlisted economy entry, panels of 3 and teams of 2, every document reviewer at 80 %. */
async function shortlisted() {
  const w = await world()
  await w.db
    .updateTable('cycles')
    .set({ shortlist_size: 1, defence_panel_size: 3, site_visit_team_size: 2 })
    .where('id', '=', w.cycle.id)
    .execute()
  const app = await inDocumentReview(w)
  for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 80)
  await shortlistEconomy(w, [app.id])
  const version = async () => String((await loadApplicationForUpdate(w.db, app.id))!.version)
  const params = { id: String(app.id) }
  const adminPost = async (fields: Record<string, string>) =>
    respond(async () =>
      adminApplication.action(
        args(
          await post(
            `/admin/applications/${app.id}`,
            { ...fields, version: await version() },
            { userId: w.admin.userId },
          ),
          params,
        ),
      ),
    )
  // A panel or team member's declaration, posted on their page as the form does.
  const declare = async (stage: 'defence' | 'siteVisit', userId: number, fields: Record<string, string> = {}) =>
    respond(async () =>
      (stage === 'defence' ? defenceSheet : siteVisitSheet).action(
        args(
          await post(
            `/review/${stage === 'defence' ? 'defence' : 'site-visit'}/${app.id}`,
            { intent: 'noConflict', ...fields },
            { userId },
          ),
          params,
        ),
      ),
    )
  return { w, id: app.id, params, adminPost, declare }
}

describe('the second half through its pages', () => {
  it('schedules the defence from the application page, refusing a bad slot beside its field; the applicant confirms; each panel member scores on its own sheet', async () => {
    const { w, id, params, adminPost, declare } = await shortlisted()
    const badTime = await adminPost({
      intent: 'scheduleDefence',
      date: '2030-03-02',
      time: '9点',
      minutes: '40',
      place: '301',
    })
    expect(badTime.status).toBe(400)
    expect(await badTime.json()).toMatchObject({ panel: 'stages', fieldErrors: { time: 'errors.time' } })
    const past = await adminPost({
      intent: 'scheduleDefence',
      date: '2020-03-02',
      time: '09:00',
      minutes: '40',
      place: '301',
    })
    expect(await past.json()).toMatchObject({ panel: 'stages', fieldErrors: { date: 'errors.slotInPast' } })
    const scheduled = await adminPost({
      intent: 'scheduleDefence',
      date: '2030-03-02',
      time: '09:00',
      minutes: '40',
      place: '市民中心B区301',
    })
    expect(scheduled.status).toBe(302)
    expect(scheduled.headers.get('location')).toBe(`/admin/applications/${id}#stages`)
    expect(await getDefence(w.db, id)).toMatchObject({
      starts_at: '2030-03-02T09:00',
      minutes: 40,
      place: '市民中心B区301',
    })
    const page = await (
      await respond(async () =>
        adminApplication.loader(args(await get(`/admin/applications/${id}`, w.admin.userId), params)),
      )
    ).json()
    expect(page.stages).toMatchObject({ shown: true, canScheduleDefence: true, canScheduleVisit: false })
    expect(page.stages.view.panel).toHaveLength(3)

    // The applicant sees its slot and confirms; another applicant cannot.
    const mine = await (
      await respond(async () =>
        applicantView.loader(args(await get(`/applicant/applications/${id}`, w.applicant.userId), params)),
      )
    ).json()
    expect(mine.stages.defence).toMatchObject({ startsAt: '2030-03-02T09:00', confirmed: false, confirmable: true })
    const theirs = await respond(async () =>
      applicantView.action(
        args(
          await post(
            `/applicant/applications/${id}`,
            { intent: 'confirmDefence' },
            { userId: w.otherApplicant.userId },
          ),
          params,
        ),
      ),
    )
    expect(theirs.status).toBe(404)
    expect(
      (
        await respond(async () =>
          applicantView.action(
            args(
              await post(`/applicant/applications/${id}`, { intent: 'confirmDefence' }, { userId: w.applicant.userId }),
              params,
            ),
          ),
        )
      ).status,
    ).toBe(302)
    expect((await getDefence(w.db, id))!.confirmed_at).not.toBeNull()

    // Panel members find the defence on their dashboard; anyone else finds no sheet.
    const panel = await listPanel(w.db, 'defence', id)
    const outsider = w.reviewers.find((r) => !panel.some((m) => m.expert_user_id === r.userId))!
    expect(
      (
        await respond(async () =>
          defenceSheet.loader(args(await get(`/review/defence/${id}`, outsider.userId), params)),
        )
      ).status,
    ).toBe(404)
    const member = panel[0]!.expert_user_id
    const seatsOf = async () =>
      (await (await respond(async () => dashboard.loader(args(await get('/review', member))))).json()).seats
    expect(await seatsOf()).toEqual([expect.objectContaining({ stage: 'defence', applicationId: id, task: 'declare' })])
    // Before the member declares: who applies and when, nothing of the file; a conflict needs its reason.
    const closed = await (
      await respond(async () => defenceSheet.loader(args(await get(`/review/defence/${id}`, member), params)))
    ).json()
    expect(closed).toMatchObject({ declarationNeeded: true, application: { id }, slot: { place: '市民中心B区301' } })
    expect(closed).not.toHaveProperty('selfAssessment')
    expect(closed).not.toHaveProperty('categories')
    const noReason = await declare('defence', member, { intent: 'conflict', reason: ' ' })
    expect(noReason.status).toBe(400)
    expect(await noReason.json()).toMatchObject({ panel: 'conflict', fieldErrors: { reason: 'errors.required' } })
    const declared = await declare('defence', member)
    expect(declared.status).toBe(302)
    expect(declared.headers.get('location')).toBe(`/review/defence/${id}`)
    expect((await declare('defence', member)).status).toBe(409)
    expect(await seatsOf()).toEqual([expect.objectContaining({ stage: 'defence', applicationId: id, task: 'none' })])
    const categories = w.tree.categories
    const fields = Object.fromEntries(categories.map((c) => [`category_${c.id}`, '75']))
    // Confirmed, but the defence is a year ahead: the sheet does not open before its start.
    const early = await respond(async () =>
      defenceSheet.action(
        args(await post(`/review/defence/${id}`, { ...fields, intent: 'draft' }, { userId: member }), params),
      ),
    )
    expect(early.status).toBe(409)
    expect(await early.json()).toMatchObject({ messageKey: 'errors.stageNotBegun', vars: { at: '2030-03-02 09:00' } })
    const pageBefore = await (
      await respond(async () => defenceSheet.loader(args(await get(`/review/defence/${id}`, member), params)))
    ).json()
    expect(pageBefore.opening).toBe('notYet')
    await slotHasCome(w.db, id, 'defence')
    const pageOpen = await (
      await respond(async () => defenceSheet.loader(args(await get(`/review/defence/${id}`, member), params)))
    ).json()
    expect(pageOpen.opening).toBe('open')
    const wrong = await respond(async () =>
      defenceSheet.action(
        args(
          await post(
            `/review/defence/${id}`,
            { ...fields, [`category_${categories[2]!.id}`]: '77', intent: 'submit' },
            { userId: member },
          ),
          params,
        ),
      ),
    )
    expect(await wrong.json()).toMatchObject({
      panel: 'sheet',
      fieldErrors: { [`category_${categories[2]!.id}`]: 'errors.percentage' },
    })
    const incomplete = await respond(async () =>
      defenceSheet.action(
        args(
          await post(
            `/review/defence/${id}`,
            { ...fields, [`category_${categories[6]!.id}`]: '', intent: 'submit' },
            { userId: member },
          ),
          params,
        ),
      ),
    )
    expect(await incomplete.json()).toMatchObject({
      panel: 'sheet',
      fieldErrors: { [`category_${categories[6]!.id}`]: 'errors.defenceSheetIncomplete' },
    })
    const submitted = await respond(async () =>
      defenceSheet.action(
        args(
          await post(
            `/review/defence/${id}`,
            { ...fields, notes: '陈述清晰，数据详实', intent: 'submit' },
            { userId: member },
          ),
          params,
        ),
      ),
    )
    expect(submitted.status).toBe(302)
    const sheet = await (
      await respond(async () => defenceSheet.loader(args(await get(`/review/defence/${id}`, member), params)))
    ).json()
    expect(sheet.sheet).toMatchObject({ status: 'submitted', notes: '陈述清晰，数据详实' })
    expect(Object.values(sheet.scores)).toEqual(categories.map(() => 75))
  })

  it('lets only the team leader record the site visit, with the note beside an adjusted item', async () => {
    const { w, id, params, adminPost, declare } = await shortlisted()
    await adminPost({ intent: 'scheduleDefence', date: '2030-03-02', time: '09:00', minutes: '40', place: '301' })
    await confirmSlot(w, id, 'defence')
    await slotHasCome(w.db, id, 'defence')
    for (const member of await listPanel(w.db, 'defence', id)) {
      await declare('defence', member.expert_user_id)
      const fields = Object.fromEntries(w.tree.categories.map((c) => [`category_${c.id}`, '70']))
      await respond(async () =>
        defenceSheet.action(
          args(
            await post(`/review/defence/${id}`, { ...fields, intent: 'submit' }, { userId: member.expert_user_id }),
            params,
          ),
        ),
      )
    }
    expect((await loadApplicationForUpdate(w.db, id))!.status).toBe('defenceScored')
    const noAddress = await adminPost({ intent: 'scheduleSiteVisit', date: '2030-03-20', address: '' })
    expect(await noAddress.json()).toMatchObject({ panel: 'stages', fieldErrors: { address: 'errors.required' } })
    expect(
      (await adminPost({ intent: 'scheduleSiteVisit', date: '2030-03-20', address: '深圳市南山区科技园' })).status,
    ).toBe(302)
    await confirmSlot(w, id, 'siteVisit')
    await slotHasCome(w.db, id, 'siteVisit')
    const [leader, member] = await listPanel(w.db, 'siteVisit', id)
    for (const seat of [leader!, member!]) expect((await declare('siteVisit', seat.expert_user_id)).status).toBe(302)
    const items = w.tree.categories.flatMap((c) => c.items)
    const page = await (
      await respond(async () =>
        siteVisitSheet.loader(args(await get(`/review/site-visit/${id}`, leader!.expert_user_id), params)),
      )
    ).json()
    expect(page.leader).toBe(true)
    expect(
      page.categories.flatMap((c: { items: Array<{ reference: number }> }) => c.items.map((i) => i.reference)),
    ).toEqual(items.map(() => 80))
    const fields = {
      ...Object.fromEntries(items.map((i) => [`item_${i.id}`, '80'])),
      version: String(page.visit.version),
      findings: '严重：质量目标未分解到班组\n培训记录缺签字',
    }
    const byMember = await respond(async () =>
      siteVisitSheet.action(
        args(
          await post(`/review/site-visit/${id}`, { ...fields, intent: 'submit' }, { userId: member!.expert_user_id }),
          params,
        ),
      ),
    )
    expect(byMember.status).toBe(403)
    const adjusted = { ...fields, [`item_${items[3]!.id}`]: '55', intent: 'submit' }
    const noNote = await respond(async () =>
      siteVisitSheet.action(
        args(await post(`/review/site-visit/${id}`, adjusted, { userId: leader!.expert_user_id }), params),
      ),
    )
    expect(await noNote.json()).toMatchObject({
      panel: 'sheet',
      fieldErrors: { [`note_${items[3]!.id}`]: 'errors.adjustmentNeedsNote' },
      vars: { item: items[3]!.code },
    })
    const recorded = await respond(async () =>
      siteVisitSheet.action(
        args(
          await post(
            `/review/site-visit/${id}`,
            { ...adjusted, [`note_${items[3]!.id}`]: '抽查近三个月的质量例会记录' },
            { userId: leader!.expert_user_id },
          ),
          params,
        ),
      ),
    )
    expect(recorded.status).toBe(302)
    expect((await getSiteVisit(w.db, id))!.recorded_at).not.toBeNull()
    expect((await loadApplicationForUpdate(w.db, id))!.status).toBe('siteVisitScored')
    const admin = await (
      await respond(async () =>
        adminApplication.loader(args(await get(`/admin/applications/${id}`, w.admin.userId), params)),
      )
    ).json()
    expect(admin.stages.view.findings.map((f: { severity: string }) => f.severity)).toEqual(['major', 'minor'])
    // Document 800.00; defence 700.00; site visit 800.00 less item 4's 25 % of its points.
    const item = items[3]!
    const siteVisit = 80000 - 25 * item.points
    expect(admin.stages.view.scores).toMatchObject({
      document: '800.00',
      defence: '700.00',
      siteVisit: `${Math.floor(siteVisit / 100)}.${String(siteVisit % 100).padStart(2, '0')}`,
    })
    // 40 % × 800.00 + 20 % × 700.00 + 40 % × the site visit (an exact multiple of 0.05 points here: no rounding).
    const final = 32000 + 14000 + (siteVisit * 40) / 100
    const finalText = `${Math.floor(final / 100)}.${String(final % 100).padStart(2, '0')}`
    expect(admin.stages.view.scores.final).toBe(finalText)
    // The ranking export carries every term: the three stages, the weights and the final score.
    const csv = await respond(async () => rankingCsv.loader(args(await get('/admin/ranking.csv', w.admin.userId))))
    const rows = parse((await csv.text()).replace(/^\uFEFF/, '')) as string[][]
    const header = rows[0]!
    const row = rows[1]!
    const cell = (name: string) => row[header.indexOf(name)]
    expect(header).toEqual(
      expect.arrayContaining(['材料评审', '答辩', '现场核查', '权重（材料/答辩/现场，%）', '最终得分']),
    )
    expect([cell('材料评审'), cell('答辩'), cell('权重（材料/答辩/现场，%）'), cell('最终得分')]).toEqual([
      '800.00',
      '700.00',
      '40/20/40',
      finalText,
    ])
  })

  it('takes the applicant\u2019s defence presentation as a PDF while the defence is scheduled, for the panel and the secretariat to open', async () => {
    const { w, id, params, adminPost, declare } = await shortlisted()
    const deck = (text: string, name = '答辩材料.pdf') => new File([text], name, { type: 'application/pdf' })
    const send = async (file: File, userId = w.applicant.userId) =>
      respond(async () =>
        presentation.action(
          args(await upload(`/applicant/applications/${id}/presentation`, file, {}, { userId }), params),
        ),
      )
    // Before the slot is set there is no defence to present at.
    expect((await send(deck('%PDF-1.7\n% early\n'))).status).toBe(409)
    await adminPost({ intent: 'scheduleDefence', date: '2030-03-02', time: '09:00', minutes: '40', place: '301' })
    const disguised = await send(deck('MZ not a pdf', '答辩材料.pdf'))
    expect(await disguised.json()).toMatchObject({
      panel: 'presentation',
      fieldErrors: { file: 'errors.presentationPdf' },
    })
    expect((await send(deck('%PDF-1.7\n% deck\n'), w.otherApplicant.userId)).status).toBe(404)
    const uploaded = await send(deck('%PDF-1.7\n% deck\n'))
    expect(uploaded.status).toBe(302)
    expect(await getDefence(w.db, id)).toMatchObject({ presentation_filename: '答辩材料.pdf', presentation_size: 16 })
    const open = async (userId: number) =>
      respond(async () => presentationDownload.loader(args(await get(`/defence-presentation/${id}`, userId), params)))
    const panel = await listPanel(w.db, 'defence', id)
    const outsider = w.reviewers.find((r) => !panel.some((m) => m.expert_user_id === r.userId))!
    // A member opens it once they have declared no conflict.
    expect((await open(panel[0]!.expert_user_id)).status).toBe(404)
    await declare('defence', panel[0]!.expert_user_id)
    for (const userId of [w.applicant.userId, w.admin.userId, panel[0]!.expert_user_id]) {
      const response = await open(userId)
      expect(response.status).toBe(200)
      expect(await response.text()).toBe('%PDF-1.7\n% deck\n')
    }
    for (const userId of [w.otherApplicant.userId, outsider.userId]) expect((await open(userId)).status).toBe(404)
  })
})
