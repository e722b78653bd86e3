import type { ReactNode } from 'react'
import { Form } from '@remix-run/react'
import { ConfirmButton } from '~/components/confirm-button'
import { CsrfInput } from '~/components/csrf-input'
import { FormError } from '~/components/form-error'
import { PanelError, usePanelFocus } from '~/components/panel-error'
import { ConflictRules, ReasonForm } from '~/components/review-invitation'
import { useT } from '~/hooks/use-i18n'

/**
 * What a drawn defence-panel or site-visit-team member sees first, as a document reviewer does: who applies and
 * when, and the rules of 回避. The file (self-assessment, presentation, the sheet) opens after they declare no
 * conflict; a conflict, with its reason, takes them off the panel and another expert is drawn for the seat.
 */
export function PanelDeclaration({
  stage,
  organisationName,
  when,
}: {
  stage: 'defence' | 'siteVisit'
  organisationName: string
  when: ReactNode
}) {
  const t = useT()
  usePanelFocus()
  return (
    <section className="narrow" data-testid="panel-declaration">
      <h1>{t(stage === 'defence' ? 'panelDeclaration.defence' : 'panelDeclaration.siteVisit')}</h1>
      <FormError />
      <dl className="summary card">
        <dt>{t('application.organisation')}</dt>
        <dd>{organisationName}</dd>
        <dt>{t(stage === 'defence' ? 'stages.defence' : 'stages.siteVisit')}</dt>
        <dd>{when}</dd>
      </dl>
      <p>{t('panelDeclaration.rules')}</p>
      <ConflictRules />
      <Form method="post" className="card" id="noConflict">
        <CsrfInput />
        <PanelError panel="noConflict" />
        <p>{t('panelDeclaration.noConflictText')}</p>
        <ConfirmButton
          name="intent"
          value="noConflict"
          confirm={t('confirm.panelNoConflict', { name: organisationName })}
        >
          {t('panelDeclaration.noConflict')}
        </ConfirmButton>
      </Form>
      <ReasonForm
        answer="conflict"
        label={t('invitation.conflictReason')}
        confirm={t('confirm.declareConflict')}
        button={t('invitation.conflict')}
      />
    </section>
  )
}
