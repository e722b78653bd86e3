import { useLang, useT } from '~/hooks/use-i18n'
import { formatDateTime, formatDay } from '~/utils/format'
import { UploadForm } from '~/components/upload-form'
import { socialDepartments } from '#workflows/social/departments'
import type { AdminApplicationData } from '../loader.server'
import { InlineChoices } from '~/components/inline-choices'

/** 社会评价: each department's answer on the candidate's record, entered by the review agency from its letter. */
export function SocialPanel({ data }: { data: AdminApplicationData }) {
  const t = useT()
  const lang = useLang()
  const { answers, open, mayRecord, dueDate } = data.social
  const id = data.application.id
  if (!open && answers.length === 0) return null
  return (
    <div className="card" id="social">
      <h2>{t('social.heading')}</h2>
      <p className="guide">{t('social.hint')}</p>
      {dueDate ? (
        <p className="guide" data-testid="social-due">
          {t('social.dueDate', { date: formatDay(dueDate, lang) })}
        </p>
      ) : null}
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
                          {answer.letter_filename ? (
                            <>
                              <a href={`/admin/applications/${id}/social-letters/${department}`}>
                                {answer.letter_filename}
                              </a>
                              {' · '}
                            </>
                          ) : null}
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
                      <SocialAnswerForm
                        applicationId={id}
                        department={department}
                        answer={answer?.answer ?? null}
                        letterRef={answer?.letter_ref ?? ''}
                        hasLetter={Boolean(answer?.letter_filename)}
                      />
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

/**
 * One department's answer, entered from its letter, which goes with it (~/components/upload-form.tsx). A correction
 * may keep the letter already on file.
 */
function SocialAnswerForm(props: {
  applicationId: number
  department: string
  answer: string | null
  letterRef: string
  hasLetter: boolean
}) {
  const t = useT()
  return (
    <UploadForm
      action={`/admin/applications/${props.applicationId}/social-answer`}
      className="stack"
      testId={`social-form-${props.department}`}
    >
      {(sending) => (
        <>
          <input type="hidden" name="department" value={props.department} />
          <InlineChoices
            type="radio"
            name="answer"
            choices={(['clear', 'adverse'] as const).map((value) => ({ value, label: t(`social.${value}`) }))}
            checked={(value) => props.answer === value}
            required
          />
          <input name="note" maxLength={1000} aria-label={t('social.note')} placeholder={t('social.note')} />
          <input
            name="letterRef"
            maxLength={100}
            defaultValue={props.letterRef}
            aria-label={t('social.letterRef')}
            placeholder={t('social.letterRef')}
          />
          <label>
            {props.hasLetter ? t('social.letterReplace') : t('social.letterFile')}
            <input type="file" name="file" accept="application/pdf,image/png,image/jpeg" required={!props.hasLetter} />
          </label>
          <button type="submit" className="secondary" disabled={sending}>
            {t('social.record')}
          </button>
        </>
      )}
    </UploadForm>
  )
}
