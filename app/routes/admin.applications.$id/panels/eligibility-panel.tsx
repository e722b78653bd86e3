import { InlineError, PanelError, usePanelFieldError } from '~/components/panel-error'
import { ApplicationSummary } from '~/components/application-summary'
import { useLang, useT } from '~/hooks/use-i18n'
import type { AdminApplicationData } from '../loader.server'
import { formatDateTime } from '~/utils/format'
import { ConfirmButton } from '~/components/confirm-button'
import { Field } from '~/components/field'
import { ActionForm } from './action-form'

type Problem = AdminApplicationData['checklist']['problems'][number]

/** One open item of the checklist, in words. */
function problemText(problem: Problem, t: ReturnType<typeof useT>): string {
  switch (problem.kind) {
    case 'unconfirmed':
      return t('checklist.problem.unconfirmed', { condition: t(`declaration.${problem.condition}`) })
    case 'notMet':
      return t('checklist.problem.notMet', { condition: t(`declaration.${problem.condition}`) })
    case 'registeredUnderThreeYears':
      return problem.years === null
        ? t('checklist.problem.noRegistrationDate')
        : t('checklist.problem.underThreeYears', { years: problem.years })
    case 'notInShenzhen':
      return t('checklist.problem.notInShenzhen')
    case 'noCreditCheck':
      return t('checklist.problem.noCreditCheck')
    case 'usccCheckCharacter':
      return t('checklist.problem.usccCheckCharacter', {
        expected: problem.expected,
        explanation: problem.explanation ?? '—',
      })
  }
}

/**
 * 资格审核 as a checklist: each condition with what the applicant declared and the evidence filed for it, the
 * facts that can be computed, and the secretariat's confirmation (met, or not met with a note).
 */
function EligibilityChecklist({ data }: { data: AdminApplicationData }) {
  const t = useT()
  const lang = useLang()
  const app = data.application
  const open = data.credit.open
  return (
    <section data-testid="checklist">
      <h3>{t('checklist.heading')}</h3>
      <p>
        {data.yearsRegistered !== null
          ? t('profile.yearsRegistered', { years: data.yearsRegistered })
          : t('checklist.problem.noRegistrationDate')}{' '}
        {data.checklist.inShenzhen.byCode
          ? t('checklist.shenzhenCode')
          : data.checklist.inShenzhen.byAddress
            ? t('checklist.shenzhenAddress')
            : t('checklist.problem.notInShenzhen')}
      </p>
      <div className="scroll">
        <table>
          <thead>
            <tr>
              <th>{t('checklist.condition')}</th>
              <th>{t('checklist.declared')}</th>
              <th>{t('checklist.confirmation')}</th>
            </tr>
          </thead>
          <tbody>
            {data.checklist.conditions.map((condition) => (
              <tr key={condition.key} data-testid={`condition-${condition.key}`}>
                <td>{t(`declaration.${condition.key}`)}</td>
                <td>
                  {condition.declaration ? (
                    <>
                      <strong>
                        {condition.declaration.answer === 'yes'
                          ? t('declaration.answerYes')
                          : condition.declaration.answer === 'no'
                            ? t('declaration.answerNo')
                            : '—'}
                      </strong>{' '}
                      {condition.declaration.explanation}
                    </>
                  ) : (
                    '—'
                  )}
                  {condition.evidence.map((file) => (
                    <div key={file.id}>
                      <a href={`/attachments/${file.id}`}>{file.filename}</a>
                    </div>
                  ))}
                </td>
                <td>
                  {condition.confirmation ? (
                    <p className={condition.confirmation.met ? '' : 'error'}>
                      {condition.confirmation.met ? t('checklist.met') : t('checklist.notMet')}
                      {condition.confirmation.note ? `：${condition.confirmation.note}` : ''} ·{' '}
                      {condition.confirmation.confirmer_name} ·{' '}
                      {formatDateTime(condition.confirmation.confirmed_at, lang)}
                    </p>
                  ) : null}
                  {open ? (
                    <ActionForm version={app.version} className="actions">
                      <input type="hidden" name="condition" value={condition.key} />
                      <input type="hidden" name="intent" value="confirmCondition" />
                      <label>
                        {t('checklist.note')}
                        <input name="note" />
                      </label>
                      <button type="submit" name="met" value="yes" className="secondary">
                        {t('checklist.met')}
                      </button>
                      <button type="submit" name="met" value="no" className="secondary">
                        {t('checklist.notMet')}
                      </button>
                    </ActionForm>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.checklist.problems.length > 0 ? (
        <ul data-testid="checklist-problems">
          {data.checklist.problems.map((problem, i) => (
            <li key={i} className="error">
              {problemText(problem, t)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="flash">{t('checklist.allMet')}</p>
      )}
    </section>
  )
}

/** 资格审核: the application as submitted, the credit check, and the eligibility decisions. */
export function EligibilityPanel({ data }: { data: AdminApplicationData }) {
  const t = useT()
  const fieldError = usePanelFieldError('eligibility')
  const lang = useLang()
  const app = data.application
  return (
    <>
      <div className="card" id="eligibility">
        <h2>{t('admin.eligibility')}</h2>
        <PanelError panel="eligibility" />
        <ApplicationSummary
          values={data.values}
          categories={data.categories}
          criteria={data.criteria}
          attachments={data.attachments}
          selfAssessmentAt={{
            href: `/admin/applications/${app.id}/self-assessment`,
            characters: data.sectionCharacters,
          }}
        />
        <section data-testid="legal-on-record">
          <h3>{t('legal.heading')}</h3>
          <p>
            {data.legalConfirmation ? (
              <>
                {t('legal.current', {
                  name: data.legalConfirmation.representative,
                  when: formatDateTime(data.legalConfirmation.confirmed_at, lang),
                  by: data.legalConfirmation.confirmed_by_name ?? '',
                })}{' '}
                <a href={`/attachments/${data.legalConfirmation.letter_attachment_id}`}>
                  {t('declaration.legalLetter')}
                </a>
              </>
            ) : (
              t('legal.none')
            )}
          </p>
        </section>
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
                  <InlineError panel="eligibility" name="summary" />
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
            <button type="submit" name="intent" value="start">
              {t('admin.startReview')}
            </button>
          </ActionForm>
        ) : null}
        <EligibilityChecklist data={data} />
        {data.can.review ? (
          <>
            {data.checklist.problems.length === 0 ? (
              <ActionForm version={app.version} className="actions">
                <button type="submit" name="intent" value="accept">
                  {t('admin.accept')}
                </button>
              </ActionForm>
            ) : (
              <ActionForm version={app.version}>
                <p className="alert">{t('checklist.open', { count: data.checklist.problems.length })}</p>
                <Field id="overrideReason" label={t('checklist.overrideReason')} error={fieldError('overrideReason')}>
                  <textarea id="overrideReason" name="overrideReason" rows={2} required />
                </Field>
                <div className="actions">
                  <ConfirmButton
                    name="intent"
                    value="accept"
                    className="secondary"
                    confirm={t('confirm.acceptOverride')}
                  >
                    {t('checklist.acceptOverride')}
                  </ConfirmButton>
                </div>
              </ActionForm>
            )}
            <ActionForm version={app.version} className="actions">
              <label>
                {t('admin.reason')}
                <textarea name="reason" rows={2} required />
                <InlineError panel="eligibility" name="reason" />
              </label>
              <label>
                {t('admin.correctionDueDate')}
                <input type="date" name="dueDate" defaultValue={data.suggestedCorrectionDueDate} />
                <InlineError panel="eligibility" name="dueDate" />
              </label>
              <button type="submit" name="intent" value="return" className="secondary">
                {t('admin.returnForCorrection')}
              </button>
              <button type="submit" name="intent" value="reject" className="secondary">
                {t('admin.reject')}
              </button>
            </ActionForm>
          </>
        ) : null}
      </div>
    </>
  )
}
