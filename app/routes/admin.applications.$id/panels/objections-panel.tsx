import { PanelError } from '~/components/panel-error'
import { useLang, useT } from '~/hooks/use-i18n'
import type { AdminApplicationData } from '../loader.server'
import { formatDateTime } from '~/utils/format'
import { ActionForm } from './action-form'

/** 异议 filed during the public notice, each resolved on the record. */
export function ObjectionsPanel({ data }: { data: AdminApplicationData }) {
  const t = useT()
  const lang = useLang()
  const app = data.application
  return (
    <>
      {data.objections.length > 0 ? (
        <div className="card" id="objections">
          <h2>{t('objection.heading')}</h2>
          <PanelError panel="objections" />
          {data.objections.map((objection) => (
            <article key={objection.id} className="card" data-testid="objection">
              <p>
                <strong>{t(`objection.status.${objection.status}`)}</strong> ·{' '}
                {formatDateTime(objection.filed_at, lang)} · {t('objection.filedBy')} {objection.objector_name}
                {objection.objector_organisation ? `（${objection.objector_organisation}）` : ''} ·{' '}
                {objection.objector_phone} · {objection.objector_email}
              </p>
              <pre className="text">{objection.content}</pre>
              <p className="guide">{objection.evidence}</p>
              {data.objectionEvidence.some((file) => file.objection_id === objection.id) ? (
                <p data-testid="objection-evidence">
                  {t('objection.evidenceFiles')}:{' '}
                  {data.objectionEvidence
                    .filter((file) => file.objection_id === objection.id)
                    .map((file) => (
                      <a key={file.id} href={`/objection-evidence/${file.id}`} className="file-link">
                        {file.filename}
                      </a>
                    ))}
                </p>
              ) : null}
              {objection.status === 'open' ? (
                <ActionForm version={app.version} className="actions">
                  <input type="hidden" name="objectionId" value={objection.id} />
                  <label>
                    {t('objection.resolution')}
                    <textarea name="resolution" rows={2} required />
                  </label>
                  <button type="submit" name="outcome" value="dismissed" className="secondary">
                    {t('objection.dismiss')}
                  </button>
                  <button type="submit" name="outcome" value="upheld" className="secondary">
                    {t('objection.uphold')}
                  </button>
                  <input type="hidden" name="intent" value="resolveObjection" />
                </ActionForm>
              ) : (
                <p>
                  {t('objection.resolution')}: {objection.resolution} · {objection.resolver_name} ·{' '}
                  {objection.resolved_at ? formatDateTime(objection.resolved_at, lang) : ''}
                </p>
              )}
            </article>
          ))}
        </div>
      ) : null}
    </>
  )
}
