import { ApplicationSummary } from '~/components/application-summary'
import { useLang, useT } from '~/hooks/use-i18n'
import type { AdminApplicationData } from '~/routes/admin.applications.$id'
import { formatDateTime } from '~/utils/format'
import { ActionForm } from './action-form'

/** 资格审核: the application as submitted, the credit check, and the eligibility decisions. */
export function EligibilityPanel({ data }: { data: AdminApplicationData }) {
  const t = useT()
  const lang = useLang()
  const app = data.application
  return (
    <>
      <div className="card" id="eligibility">
        <h2>{t('admin.eligibility')}</h2>
        <ApplicationSummary values={data.values} categories={data.categories} criteria={data.criteria} attachments={data.attachments} />
        <section data-testid="credit">
          <h3>{t('credit.heading')}</h3>
          {data.credit.checks.length === 0 ? <p>{t('credit.none')}</p> : null}
          <ul>
            {data.credit.checks.map((check) => (
              <li key={check.id} className={check.dishonest ? 'error' : ''}>
                {formatDateTime(check.checked_at, lang)} · {t(`credit.source.${check.source}`)} · {check.checker_name} ·{' '}
                <strong>{check.dishonest ? t('credit.dishonest') : t('credit.clean')}</strong> · {check.summary}
              </li>
            ))}
          </ul>
          {data.credit.open && data.credit.serviceConfigured ? (
            <ActionForm version={app.version} className="actions">
              <button type="submit" name="intent" value="creditQuery" className="secondary">
                {t('credit.query')}
              </button>
            </ActionForm>
          ) : null}
          {data.credit.open ? (
            <details>
              <summary>{t('credit.manual')}</summary>
              <ActionForm version={app.version} className="actions">
                <label className="inline">
                  <input type="radio" name="dishonest" value="no" required /> {t('credit.clean')}
                </label>
                <label className="inline">
                  <input type="radio" name="dishonest" value="yes" /> {t('credit.dishonest')}
                </label>
                <label>
                  {t('credit.summary')}
                  <textarea name="summary" rows={2} required />
                </label>
                <button type="submit" name="intent" value="creditManual" className="secondary">
                  {t('credit.save')}
                </button>
              </ActionForm>
            </details>
          ) : null}
        </section>
        {data.can.start ? (
          <ActionForm version={app.version} className="actions">
            <button type="submit" name="intent" value="start">{t('admin.startReview')}</button>
          </ActionForm>
        ) : null}
        {data.can.review ? (
          <>
            <ActionForm version={app.version} className="actions">
              <button type="submit" name="intent" value="accept">{t('admin.accept')}</button>
            </ActionForm>
            <ActionForm version={app.version} className="actions">
              <label>
                {t('admin.reason')}
                <textarea name="reason" rows={2} required />
              </label>
              <button type="submit" name="intent" value="return" className="secondary">{t('admin.returnForCorrection')}</button>
              <button type="submit" name="intent" value="reject" className="secondary">{t('admin.reject')}</button>
            </ActionForm>
          </>
        ) : null}
      </div>
    </>
  )
}
