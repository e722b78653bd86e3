import { describe, expect, it } from 'vitest'
import { startApplication } from '../../workflows/application/application.server'
import { attemptLogin } from '../../workflows/account/login.server'
import { hashPassword } from '../../workflows/account/password-hash.server'
import { setPasswordHash } from '../../db/repositories/users'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import type { Actor } from '../../workflows/application/application.policy'
import * as applicantEdit from '~/routes/applicant.applications.$id.edit.$step/route'
import * as applicantView from '~/routes/applicant.applications.$id._index'
import * as team from '~/routes/applicant.team'
import { world, type World } from '../integration/helpers'
import { args, get, post, respond } from './http'

/** Team accounts (issue 22): an organisation's owner, its editors and viewers, and a colleague removed. */
async function invite(w: World, by: Actor, name: string, role: string) {
  const email = `${name}-${w.cycle.year}@t.example`
  const response = await respond(async () =>
    team.action(args(await post('/applicant/team', { intent: 'invite', name, email, role }, { userId: by.userId }))),
  )
  const user = await w.db
    .selectFrom('users')
    .select(['id', 'organisation_id', 'member_role', 'role'])
    .where('email', '=', email)
    .executeTakeFirst()
  return { response, user, email }
}

const saveSelfAssessment = async (id: number, userId: number, version: string, text: string) =>
  respond(async () =>
    applicantEdit.action(
      args(
        await post(
          `/applicant/applications/${id}/edit/selfAssessment`,
          { intent: 'autosave', version, 'sections.0': text },
          { userId },
        ),
        { id: String(id), step: 'selfAssessment' },
      ),
    ),
  )

describe('team accounts (issue 22)', () => {
  it('the owner invites an editor, who edits in the organisation’s name, and a viewer, who only reads', async () => {
    const w = await world()
    const editor = await invite(w, w.applicant, 'editor', 'editor')
    expect(editor.response.status).toBe(302)
    expect(editor.user).toMatchObject({
      organisation_id: w.applicant.organisationId,
      member_role: 'editor',
      role: 'applicant',
    })
    const invitation = await w.db.selectFrom('outbox').select('kind').where('recipient', '=', editor.email).execute()
    expect(invitation).toEqual([{ kind: 'account.INVITED' }])
    const viewer = await invite(w, w.applicant, 'viewer', 'viewer')
    expect(viewer.user?.member_role).toBe('viewer')
    // Only the owner manages the team.
    expect((await invite(w, { ...w.applicant, userId: viewer.user!.id }, 'third', 'editor')).response.status).toBe(403)
    expect((await invite(w, w.applicant, 'bad', 'admin')).response.status).toBe(400)

    const id = await startApplication(w.db, w.applicant, w.cycle.id)
    // The editor saves; the save is on the record as theirs.
    expect((await saveSelfAssessment(id, editor.user!.id, '1', '编辑者写的第一稿')).status).toBe(200)
    const edits = await w.db
      .selectFrom('draft_edits')
      .select(['user_id', 'step'])
      .where('application_id', '=', id)
      .execute()
    expect(edits).toEqual([{ user_id: editor.user!.id, step: 'selfAssessment' }])
    // The viewer reads the application, is offered nothing to change, and a save of theirs is refused.
    const page = await respond(async () =>
      applicantView.loader(args(await get(`/applicant/applications/${id}`, viewer.user!.id), { id: String(id) })),
    )
    expect(page.status).toBe(200)
    const data = (await page.json()) as { editable: boolean; edits: Array<{ editor_name: string }> }
    expect(data.editable).toBe(false)
    expect(data.edits.map((e) => e.editor_name)).toEqual(['editor'])
    expect((await saveSelfAssessment(id, viewer.user!.id, '2', '查看者的修改')).status).toBe(403)
    expect((await loadApplicationForUpdate(w.db, id))!.self_assessment).toContain('编辑者写的第一稿')
  })

  it('a colleague removed loses access at once: their session ends, they cannot sign in, their edits stay theirs', async () => {
    const w = await world()
    const editor = await invite(w, w.applicant, 'leaver', 'editor')
    await setPasswordHash(w.db, editor.user!.id, await hashPassword('leaver-password-2026'))
    expect((await attemptLogin(w.db, editor.email, 'leaver-password-2026')).ok).toBe(true)
    const id = await startApplication(w.db, w.applicant, w.cycle.id)
    const request = await post(
      `/applicant/applications/${id}/edit/selfAssessment`,
      { intent: 'autosave', version: '1', 'sections.0': '离职前的修改' },
      { userId: editor.user!.id },
    )
    // The same browser's next request, with the same session cookie.
    const later = request.clone()
    expect(
      (await respond(async () => applicantEdit.action(args(request, { id: String(id), step: 'selfAssessment' }))))
        .status,
    ).toBe(200)

    // The owner may not remove or demote themselves.
    const self = await respond(async () =>
      team.action(
        args(
          await post(
            '/applicant/team',
            { intent: 'remove', userId: String(w.applicant.userId) },
            { userId: w.applicant.userId },
          ),
        ),
      ),
    )
    expect(self.status).toBe(409)
    const removed = await respond(async () =>
      team.action(
        args(
          await post(
            '/applicant/team',
            { intent: 'remove', userId: String(editor.user!.id) },
            { userId: w.applicant.userId },
          ),
        ),
      ),
    )
    expect(removed.status).toBe(302)

    // The session the editor had is gone: the same request now leads to the login page.
    const again = await respond(async () =>
      applicantEdit.action(args(later, { id: String(id), step: 'selfAssessment' })),
    )
    expect(again.status).toBe(302)
    expect(again.headers.get('location')).toContain('/login')
    expect(await w.db.selectFrom('sessions').select('id').where('user_id', '=', editor.user!.id).execute()).toEqual([])
    expect((await attemptLogin(w.db, editor.email, 'leaver-password-2026')).ok).toBe(false)
    // Another organisation's owner cannot touch this team.
    const stranger = await respond(async () =>
      team.action(
        args(
          await post(
            '/applicant/team',
            { intent: 'setRole', userId: String(editor.user!.id), role: 'editor' },
            {
              userId: w.otherApplicant.userId,
            },
          ),
        ),
      ),
    )
    expect(stranger.status).toBe(404)
    const edits = await w.db.selectFrom('draft_edits').select('user_id').where('application_id', '=', id).execute()
    expect(edits).toEqual([{ user_id: editor.user!.id }])
  })
})
