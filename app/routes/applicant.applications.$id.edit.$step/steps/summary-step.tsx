import { Form, Link, useNavigation } from '@remix-run/react'
import { ConfirmButton } from '~/components/confirm-button'
import type { EditLoaderData } from '../loader.server'
import { ApplicationSummary } from '~/components/application-summary'
import { CsrfInput } from '~/components/csrf-input'
import { useT } from '~/hooks/use-i18n'
import { LegalConfirmation } from './legal-confirmation'

export function SummaryStep({ data }: { data: EditLoaderData }) {
  const t = useT()
  const navigation = useNavigation()
  return (
    <div>
      <p>{t('summary.intro')}</p>
      {data.missing.length > 0 ? (
        <p className="alert" role="alert">
          {t('errors.incomplete', { steps: data.missing.map((s) => t(`step.${s}`)).join('、') })}
        </p>
      ) : null}
      {data.evidence.missing.length > 0 ? (
        <p className="alert" role="alert" data-testid="evidence-missing">
          {t('errors.evidenceMissing', {
            conditions: data.evidence.missing.map((c) => t(`declaration.${c}`)).join('、'),
          })}{' '}
          <Link to={`/applicant/applications/${data.application.id}/edit/eligibility#attachments`}>
            {t('evidence.upload')}
          </Link>
        </p>
      ) : null}
      <ApplicationSummary
        values={data.values}
        categories={data.categories}
        criteria={data.criteria}
        attachments={data.attachments}
        action={(step) => (
          <Link to={`/applicant/applications/${data.application.id}/edit/${step}`}>{t('summary.edit')}</Link>
        )}
      />
      <LegalConfirmation data={data} />
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="version" value={data.application.version} />
        <ConfirmButton
          name="intent"
          value="submit"
          confirm={t('confirm.submitApplication')}
          disabled={
            data.missing.length > 0 ||
            data.evidence.missing.length > 0 ||
            data.legal.standing !== 'current' ||
            navigation.state === 'submitting'
          }
        >
          {data.application.status === 'returned' ? t('summary.resubmit') : t('summary.submit')}
        </ConfirmButton>
      </Form>
    </div>
  )
}
