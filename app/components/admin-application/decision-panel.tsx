import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import type { AdminApplicationData } from '~/routes/admin.applications.$id'
import { ActionForm } from './action-form'

/** The committee's decision: a level of the application's category, or not awarded. */
export function DecisionPanel({ data }: { data: AdminApplicationData }) {
  const t = useT()
  const lang = useLang()
  const app = data.application
  return (
    <>
      {data.can.decide ? (
        <div className="card">
          <h2>{t('admin.decision')}</h2>
          <ActionForm version={app.version} className="actions">
            <label>
              {t('admin.level')}
              <select name="levelId" defaultValue={app.decisionLevelId ?? 'none'}>
                {data.levels.map((level) => (
                  <option key={level.id} value={level.id}>
                    {localName(level, lang)}
                  </option>
                ))}
                <option value="none">{t('admin.notAwarded')}</option>
              </select>
            </label>
            <label>
              {t('admin.decisionReason')}
              <textarea name="reason" rows={2} defaultValue={app.decisionReason ?? ''} />
            </label>
            <button type="submit" name="intent" value="decide">{t('admin.decide')}</button>
          </ActionForm>
        </div>
      ) : null}
    </>
  )
}
