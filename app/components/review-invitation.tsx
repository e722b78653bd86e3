import { Form } from '@remix-run/react'
import { ConfirmButton } from '~/components/confirm-button'
import { CsrfInput } from '~/components/csrf-input'
import { FormError } from '~/components/form-error'
import { Field } from '~/components/field'
import { PanelError, usePanelFieldError, usePanelFocus } from '~/components/panel-error'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import { formatDay } from '~/utils/format'

export interface Invitation {
  applicationId: number
  organisationName: string
  industry: string
  category: { name_zh: string; name_en: string } | null
  awardType: string | null
  dueDate: string | null
}

/**
 * What a drawn expert sees first: only who applies, in which industry and category. The application, its files
 * and the sheet open after the expert declares no conflict of interest; a conflict or a refusal, with its reason,
 * ends the assignment and another expert is drawn.
 */
export function ReviewInvitation({ invitation }: { invitation: Invitation }) {
  const t = useT()
  const lang = useLang()
  usePanelFocus()
  return (
    <section className="narrow" data-testid="invitation">
      <h1>{t('invitation.heading')}</h1>
      <FormError />
      <dl className="summary card">
        <dt>{t('application.organisation')}</dt>
        <dd>{invitation.organisationName}</dd>
        <dt>{t('profile.industry')}</dt>
        <dd>{invitation.industry ? t(`industry.${invitation.industry}` as 'industry.other') : '—'}</dd>
        <dt>{t('applicant.category')}</dt>
        <dd>
          {invitation.category ? localName(invitation.category, lang) : '—'}
          {invitation.awardType ? ` · ${t(`awardType.${invitation.awardType}` as 'awardType.organisation')}` : ''}
        </dd>
        {invitation.dueDate ? (
          <>
            <dt>{t('invitation.due')}</dt>
            <dd>{formatDay(invitation.dueDate, lang)}</dd>
          </>
        ) : null}
      </dl>
      <p>{t('invitation.rules')}</p>
      <ConflictRules />
      <Form method="post" className="card" id="accept">
        <CsrfInput />
        <PanelError panel="accept" />
        <p>{t('invitation.acceptText')}</p>
        <ConfirmButton
          name="intent"
          value="accept"
          confirm={t('confirm.acceptInvitation', { name: invitation.organisationName })}
        >
          {t('invitation.accept')}
        </ConfirmButton>
      </Form>
      <ReasonForm
        answer="conflict"
        label={t('invitation.conflictReason')}
        confirm={t('confirm.declareConflict')}
        button={t('invitation.conflict')}
      />
      <ReasonForm
        answer="decline"
        label={t('invitation.declineReason')}
        confirm={t('confirm.declineInvitation')}
        button={t('invitation.decline')}
      />
    </section>
  )
}

/** The ties that oblige an expert to stand down (回避), as every declaration lists them. */
export function ConflictRules() {
  const t = useT()
  return (
    <ul className="guide">
      <li>{t('invitation.rule.employer')}</li>
      <li>{t('invitation.rule.former')}</li>
      <li>{t('invitation.rule.relative')}</li>
      <li>{t('invitation.rule.other')}</li>
    </ul>
  )
}

/** An answer that ends the invitation, with its reason: its own form and panel, so a refusal lands beside it. */
export function ReasonForm({
  answer,
  label,
  confirm,
  button,
}: {
  answer: 'conflict' | 'decline'
  label: string
  confirm: string
  button: string
}) {
  const fieldError = usePanelFieldError(answer)
  return (
    <Form method="post" className="card" id={answer}>
      <CsrfInput />
      <input type="hidden" name="intent" value={answer} />
      <PanelError panel={answer} />
      <Field id={`${answer}-reason`} label={label} error={fieldError('reason')}>
        <textarea id={`${answer}-reason`} name="reason" rows={3} required />
      </Field>
      <div className="actions">
        <ConfirmButton className="secondary" confirm={confirm}>
          {button}
        </ConfirmButton>
      </div>
    </Form>
  )
}
