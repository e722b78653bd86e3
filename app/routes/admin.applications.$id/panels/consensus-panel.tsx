import { InlineError, PanelError, usePanelFieldError } from '~/components/panel-error'
import { Link } from '@remix-run/react'
import { Field } from '~/components/field'
import { PercentageOptions } from '~/components/percentage-options'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import type { AdminApplicationData } from '../loader.server'
import { formatDateTime } from '~/utils/format'
import { ActionForm } from './action-form'

/** 共识: the spread of totals against the threshold, and the consensus sheet where it is needed. */
export function ConsensusPanel({ data }: { data: AdminApplicationData }) {
  const t = useT()
  const lang = useLang()
  const app = data.application
  const fieldError = usePanelFieldError('consensus')
  const form = (
    <ActionForm version={app.version}>
      <PanelError panel="consensus" />
      <p className="guide">{t('consensus.suggested')}</p>
      <table>
        <tbody>
          {data.consensus.items.map((item) => (
            <tr key={item.id}>
              <td>
                <label htmlFor={`consensus_${item.id}`}>
                  {item.code} {localName(item, lang)} ({item.points})
                </label>
              </td>
              <td>
                <select
                  id={`consensus_${item.id}`}
                  name={`consensus_${item.id}`}
                  defaultValue={String(data.consensus.suggested[item.id] ?? '')}
                  required
                >
                  <PercentageOptions />
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset>
        <legend>{t('consensus.agreedBy')}</legend>
        {data.consensus.scorers.map((scorer) => (
          <label key={scorer.id} className="inline">
            <input type="checkbox" name="agreedBy" value={scorer.id} defaultChecked /> {scorer.name}
          </label>
        ))}
        <InlineError panel="consensus" name="agreedBy" />
      </fieldset>
      <Field id="consensus-note" label={t('consensus.note')} error={fieldError('note')}>
        <textarea id="consensus-note" name="note" rows={2} required />
      </Field>
      {data.consensus.required ? null : (
        <Field
          id="consensus-outside-reason"
          label={t('consensus.outsideReason')}
          error={fieldError('outsideThresholdReason')}
        >
          <textarea id="consensus-outside-reason" name="outsideThresholdReason" rows={2} required />
        </Field>
      )}
      <div className="actions">
        <button type="submit" name="intent" value="consensus">
          {t('consensus.save')}
        </button>
      </div>
    </ActionForm>
  )
  return (
    <>
      {data.sheets.length > 1 ? (
        <div className="card" id="consensus" data-testid="consensus">
          <h2>{t('consensus.heading')}</h2>
          <p>{t('consensus.spread', { spread: data.consensus.spread, threshold: data.consensus.threshold })}</p>
          {data.consensus.round ? (
            <>
              <p className="flash">
                {t('consensus.recorded', {
                  total: data.consensus.round.total,
                  by: data.consensus.round.by,
                  when: formatDateTime(data.consensus.round.at, lang),
                  note: data.consensus.round.note,
                })}
              </p>
              <p>{t('consensus.agreedNames', { names: data.consensus.round.agreedBy.join('、') })}</p>
              {data.consensus.round.outsideThresholdReason ? (
                <p className="alert">
                  {t('consensus.flagOutside')}: {data.consensus.round.outsideThresholdReason}
                </p>
              ) : null}
            </>
          ) : data.consensus.required ? (
            <p className="alert">{t('consensus.required')}</p>
          ) : null}
          {app.status === 'scored' ? (
            data.consensus.required || data.consensus.round ? (
              form
            ) : data.consensusFormAsked ? (
              // Within the threshold no consensus is needed: the form comes when asked for, and asks why.
              form
            ) : (
              <p>
                <Link to={`/admin/applications/${app.id}?consensus=1#consensus`}>{t('consensus.recordAnyway')}</Link>
              </p>
            )
          ) : null}
        </div>
      ) : null}
    </>
  )
}
