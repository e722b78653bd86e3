import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { getDb } from '#db/client.server'
import { listOfficeChanges, listStaff } from '#db/repositories/staff'
import {
  duties,
  dutiesOf,
  incompatibleOffices,
  mayAct,
  type Office,
  offices,
  officesFrom,
} from '#workflows/account/duties'
import { inviteStaff, setStaffOffices } from '#workflows/account/staff.server'
import { email, requiredText } from '#workflows/fields'
import { CsrfInput } from '~/components/csrf-input'
import { InvitationForm } from '~/components/invitation-form'
import { InlineChoices } from '~/components/inline-choices'
import { FormError } from '~/components/form-error'
import { postedInteger } from '~/forms/form-data'
import { useT } from '~/hooks/use-i18n'
import { flushOutboxSoon } from '~/utils/email.server'
import { formatDateTime } from '~/utils/format'
import { useLang } from '~/hooks/use-i18n'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors, httpError, workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'
import { parseForm } from '~/utils/validation.server'

const invitationSchema = z.object({ name: requiredText(60), email })

/** 职责与账户: the back office's accounts and their offices, what each office may do, and who changed what. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  const db = getDb()
  const [staff, changes] = await Promise.all([listStaff(db), listOfficeChanges(db)])
  return json({
    staff: staff.map((member) => ({ ...member, clash: incompatibleOffices(member.offices) })),
    changes,
    mayManage: mayAct(actor, 'manageStaff'),
    me: actor.userId,
    mine: dutiesOf(actor),
    mayExportAudit: mayAct(actor, 'exportAudit'),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  const form = await readForm(request)
  const chosen = officesFrom(form.getAll('offices'))
  try {
    switch (form.get('intent')) {
      case 'invite': {
        const parsed = parseForm(invitationSchema, form)
        if (!parsed.ok) return fieldErrors(parsed.errors)
        await inviteStaff(getDb(), { actor, name: parsed.data.name, email: parsed.data.email, offices: chosen })
        flushOutboxSoon()
        return redirectWithFlash(request, '/admin/staff', 'staff.invited')
      }
      case 'setOffices':
        await setStaffOffices(getDb(), { actor, userId: postedInteger(form, 'userId'), offices: chosen })
        return redirectWithFlash(request, '/admin/staff', 'flash.saved')
      default:
        return httpError(400, 'errors.notAllowedNow')
    }
  } catch (error) {
    return workflowFailure(error)
  }
}

/** An account's offices as boxes to tick, in the duty table's order. */
function OfficeChoices({ held }: { held: readonly Office[] }) {
  const t = useT()
  return (
    <InlineChoices
      type="checkbox"
      name="offices"
      choices={offices.map((office) => ({ value: office, label: t(`office.${office}`) }))}
      checked={(office) => held.includes(office as Office)}
    />
  )
}

export default function Staff() {
  const { staff, changes, mayManage, me, mine, mayExportAudit } = useLoaderData<typeof loader>()
  const answer = useActionData<{ fieldErrors?: Record<string, string> }>()
  const errors = answer?.fieldErrors ?? {}
  const t = useT()
  const lang = useLang()
  const officesText = (list: string) =>
    list === ''
      ? '—'
      : list
          .split(',')
          .map((office) => t(`office.${office as Office}`))
          .join('、')
  return (
    <section>
      <h1>{t('staff.heading')}</h1>
      <p className="guide">{t('staff.intro')}</p>
      <FormError />
      <p data-testid="my-duties">
        {t('staff.myDuties')}
        {mine.map((duty) => t(`duty.${duty}`)).join('、')}
      </p>
      <p>
        {mayExportAudit ? (
          <>
            <a href="/admin/audit.csv" download>
              {t('audit.export')}
            </a>
            {' · '}
          </>
        ) : null}
        <Link to="/admin/archive">{t('nav.archive')}</Link>
      </p>
      <div className="scroll">
        <table data-testid="staff" className="stacked">
          <thead>
            <tr>
              <th>{t('admin.displayName')}</th>
              <th>{t('staff.offices')}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((member) => (
              <tr key={member.id}>
                <td>
                  {member.display_name}
                  <div className="guide">
                    {member.email}
                    {member.invitationPending ? ` · ${t('expert.invitationPending')}` : ''}
                  </div>
                </td>
                <td>
                  {mayManage && member.id !== me ? (
                    <Form method="post" className="office-form">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="setOffices" />
                      <input type="hidden" name="userId" value={member.id} />
                      <OfficeChoices held={member.offices} />
                      <button type="submit" className="secondary">
                        {t('staff.saveOffices')}
                      </button>
                    </Form>
                  ) : (
                    member.offices.map((office) => t(`office.${office}`)).join('、') || '—'
                  )}
                  {member.clash ? (
                    <p className="notice" role="note">
                      {t('staff.combinesDuties', {
                        first: t(`office.${member.clash[0]}`),
                        second: t(`office.${member.clash[1]}`),
                      })}
                    </p>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {mayManage ? (
        <InvitationForm
          id="invite"
          intent="invite"
          heading={t('staff.invite')}
          hint={t('staff.inviteHint')}
          errors={errors}
        >
          <fieldset>
            <legend>{t('staff.offices')}</legend>
            <OfficeChoices held={[]} />
            {errors.offices ? (
              <p className="alert" role="alert">
                {t(errors.offices as 'staff.officesRequired')}
              </p>
            ) : null}
          </fieldset>
          <button type="submit">{t('staff.inviteButton')}</button>
        </InvitationForm>
      ) : null}
      <h2>{t('staff.dutiesHeading')}</h2>
      <div className="scroll">
        <table data-testid="duties">
          <thead>
            <tr>
              <th>{t('staff.duty')}</th>
              {offices.map((office) => (
                <th key={office}>{t(`office.${office}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(Object.keys(duties) as Array<keyof typeof duties>).map((duty) => (
              <tr key={duty}>
                <td>{t(`duty.${duty}`)}</td>
                {offices.map((office) => (
                  <td key={office}>{(duties[duty] as readonly Office[]).includes(office) ? '✓' : ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('staff.changesHeading')}</h2>
      {changes.length === 0 ? <p>{t('staff.noChanges')}</p> : null}
      <ul data-testid="office-changes">
        {changes.map((change) => (
          <li key={change.id}>
            {formatDateTime(change.at, lang)} · {change.actor_name ?? '—'} ·{' '}
            {t(`staff.event.${change.event}`, {
              name: change.subject_name,
              before: officesText(change.offices_before),
              after: officesText(change.offices_after),
            })}
          </li>
        ))}
      </ul>
    </section>
  )
}
