import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { getDb } from '#db/client.server'
import { listTeam } from '#db/repositories/team'
import { colleagueRoles } from '#workflows/account/team'
import { isOrganisationOwner } from '#workflows/application/application.policy'
import { inviteColleague, removeColleague, setColleagueRole } from '#workflows/account/team.server'
import { email, requiredText } from '#workflows/fields'
import { CsrfInput } from '~/components/csrf-input'
import { InvitationForm } from '~/components/invitation-form'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { postedInteger } from '~/forms/form-data'
import { useT } from '~/hooks/use-i18n'
import { flushOutboxSoon } from '~/utils/email.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors, httpError, workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'
import { parseForm } from '~/utils/validation.server'

const invitationSchema = z.object({ name: requiredText(60), email })

/** 团队成员: the organisation's accounts; its owner invites colleagues as editors or viewers, and removes them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, actor } = await requireUser(request, 'applicant')
  if (actor.organisationId === null) throw httpError(404, 'errors.notFound')
  const team = await listTeam(getDb(), actor.organisationId)
  return json({
    me: user.id,
    owner: isOrganisationOwner(actor),
    team,
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireUser(request, 'applicant')
  const form = await readForm(request)
  const db = getDb()
  try {
    switch (form.get('intent')) {
      case 'invite': {
        const parsed = parseForm(invitationSchema, form)
        if (!parsed.ok) return fieldErrors(parsed.errors)
        await inviteColleague(db, { actor, ...parsed.data, role: form.get('role') ?? '' })
        flushOutboxSoon()
        return redirectWithFlash(request, '/applicant/team', 'team.invited')
      }
      case 'setRole':
        await setColleagueRole(db, { actor, userId: postedInteger(form, 'userId'), role: form.get('role') ?? '' })
        return redirectWithFlash(request, '/applicant/team', 'flash.saved')
      case 'remove':
        await removeColleague(db, { actor, userId: postedInteger(form, 'userId') })
        return redirectWithFlash(request, '/applicant/team', 'team.removed')
      default:
        return httpError(400, 'errors.notAllowedNow')
    }
  } catch (error) {
    return workflowFailure(error)
  }
}

export default function Team() {
  const { me, owner, team } = useLoaderData<typeof loader>()
  const answer = useActionData<{ fieldErrors?: Record<string, string> }>()
  const errors = answer?.fieldErrors ?? {}
  const t = useT()
  return (
    <section>
      <p>
        <Link to="/applicant">← {t('nav.myApplications')}</Link>
      </p>
      <h1>{t('team.heading')}</h1>
      <p className="guide">{t('team.intro')}</p>
      <FormError />
      <div className="scroll">
        <table data-testid="team" className="stacked">
          <thead>
            <tr>
              <th>{t('admin.displayName')}</th>
              <th>{t('team.role')}</th>
              {owner ? <th>{t('team.change')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {team.map((member) => (
              <tr key={member.id} className={member.member_role === 'removed' ? 'muted' : undefined}>
                <td className="motion">
                  {member.display_name}
                  <div className="guide">
                    {member.email}
                    {member.invitationPending ? ` · ${t('expert.invitationPending')}` : ''}
                  </div>
                </td>
                <td>{t(`team.role.${member.member_role ?? 'owner'}`)}</td>
                {owner ? (
                  <td>
                    {member.id !== me && member.member_role !== 'owner' ? (
                      <Form method="post" className="inline">
                        <CsrfInput />
                        <input type="hidden" name="userId" value={member.id} />
                        <select
                          name="role"
                          defaultValue={member.member_role === 'viewer' ? 'viewer' : 'editor'}
                          aria-label={t('team.role')}
                        >
                          {colleagueRoles.map((role) => (
                            <option key={role} value={role}>
                              {t(`team.role.${role}`)}
                            </option>
                          ))}
                        </select>
                        <button type="submit" name="intent" value="setRole" className="secondary">
                          {member.member_role === 'removed' ? t('team.restore') : t('team.saveRole')}
                        </button>
                        {member.member_role !== 'removed' ? (
                          <button type="submit" name="intent" value="remove" className="secondary">
                            {t('team.remove')}
                          </button>
                        ) : null}
                      </Form>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {owner ? (
        <InvitationForm
          id="invite"
          intent="invite"
          heading={t('team.invite')}
          hint={t('team.inviteHint')}
          errors={errors}
        >
          <div className="row">
            <Field id="role" label={t('team.role')} error={errors.role}>
              <select id="role" name="role" defaultValue="editor">
                {colleagueRoles.map((role) => (
                  <option key={role} value={role}>
                    {t(`team.role.${role}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <button type="submit">{t('team.inviteButton')}</button>
        </InvitationForm>
      ) : (
        <p className="notice">{t('team.notOwner')}</p>
      )}
    </section>
  )
}
