import { PanelError } from '~/components/panel-error'
import { useLang, useT } from '~/hooks/use-i18n'
import { formatDateTime } from '~/utils/format'
import { socialDepartments } from '#workflows/social/departments'
import type { AdminApplicationData } from '../loader.server'
import { ActionForm } from './action-form'
import { InlineChoices } from '~/components/inline-choices'

/** 社会评价: each department's answer on the candidate's record, entered by the review agency from its letter. */
export function SocialPanel({ data }: { data: AdminApplicationData }) {
  const t = useT()
  const lang = useLang()
  const { answers, open, mayRecord } = data.social
  if (!open && answers.length === 0) return null
  return (
    <div className="card" id="social">
      <h2>{t('social.heading')}</h2>
      <p className="guide">{t('social.hint')}</p>
      <PanelError panel="social" />
      <div className="scroll">
        <table data-testid="social-answers" className="stacked">
          <thead>
            <tr>
              <th>{t('social.department')}</th>
              <th>{t('social.answer')}</th>
              {open && mayRecord ? <th>{t('social.record')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {socialDepartments.map((department) => {
              const answer = answers.find((a) => a.department === department)
              return (
                <tr key={department}>
                  <td className="motion">{t(`department.${department}`)}</td>
                  <td>
                    {answer ? (
                      <>
                        <strong className={answer.answer === 'adverse' ? 'error' : undefined}>
                          {t(`social.${answer.answer}`)}
                        </strong>
                        {answer.note ? ` · ${answer.note}` : ''}
                        <div className="guide">
                          {answer.letter_ref ? `${answer.letter_ref} · ` : ''}
                          {answer.recorded_by_name} · {formatDateTime(answer.recorded_at, lang)}
                        </div>
                      </>
                    ) : (
                      t('social.pending')
                    )}
                  </td>
                  {open && mayRecord ? (
                    <td>
                      <ActionForm version={data.application.version} className="stack">
                        <input type="hidden" name="intent" value="socialAnswer" />
                        <input type="hidden" name="department" value={department} />
                        <InlineChoices
                          type="radio"
                          name="answer"
                          choices={(['clear', 'adverse'] as const).map((value) => ({
                            value,
                            label: t(`social.${value}`),
                          }))}
                          checked={(value) => answer?.answer === value}
                          required
                        />
                        <input
                          name="note"
                          maxLength={1000}
                          aria-label={t('social.note')}
                          placeholder={t('social.note')}
                        />
                        <input
                          name="letterRef"
                          maxLength={100}
                          defaultValue={answer?.letter_ref ?? ''}
                          aria-label={t('social.letterRef')}
                          placeholder={t('social.letterRef')}
                        />
                        <button type="submit" className="secondary">
                          {t('social.record')}
                        </button>
                      </ActionForm>
                    </td>
                  ) : null}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </div>
  )
}
