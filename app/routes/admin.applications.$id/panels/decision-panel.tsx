import { InlineError, PanelError } from '~/components/panel-error'
import { useLang, useT } from '~/hooks/use-i18n'
import { ConfirmButton } from '~/components/confirm-button'
import { localName } from '~/i18n'
import type { AdminApplicationData } from '../loader.server'
import { ActionForm } from './action-form'

/** The committee's decision: a level of the application's category, or not awarded. */
export function DecisionPanel({ data }: { data: AdminApplicationData }) {
  const t = useT()
  const lang = useLang()
  const app = data.application
  return (
    <>
      {data.can.decide ? (
        <div className="card" id="decision">
          <h2>{t('admin.decision')}</h2>
          <PanelError panel="decision" />
          <ActionForm version={app.version} className="actions">
            <label>
              {t('admin.level')}
              {/* Nothing is chosen for the committee: a first decision starts from an empty choice. */}
              <select
                name="levelId"
                required
                defaultValue={app.decisionLevelId ?? (app.status === 'decided' ? 'none' : '')}
              >
                <option value="" disabled>
                  {t('admin.chooseLevel')}
                </option>
                {data.levels.map((level) => (
                  <option key={level.id} value={level.id}>
                    {localName(level, lang)}
                  </option>
                ))}
                <option value="none">{t('admin.notAwarded')}</option>
              </select>
              <InlineError panel="decision" name="levelId" />
            </label>
            <label>
              {t('admin.decisionReason')}
              <textarea name="reason" rows={2} defaultValue={app.decisionReason ?? ''} />
              <InlineError panel="decision" name="reason" />
            </label>
            <ConfirmButton name="intent" value="decide" confirm={t('confirm.decide')}>
              {t('admin.decide')}
            </ConfirmButton>
          </ActionForm>
        </div>
      ) : null}
    </>
  )
}
