import type { EditLoaderData } from '../loader.server'
import { Field } from '~/components/field'
import {
  countCharacters,
  selfAssessmentLimit,
  selfAssessmentSchema,
  selfScoreChoices,
} from '#workflows/application/application.schema'
import { bands } from '#workflows/review/scoring'
import { useFetcher } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useCsrfToken, useLang, useT } from '~/hooks/use-i18n'
import { formatTime } from '~/utils/format'
import { useValidatedForm } from '~/hooks/use-validated-form'
import { localName, keyOf } from '~/i18n'
import { StepForm } from './step-form'

const autosaveDelayMs = 2000

/** The self-score's choices under the band each belongs to, as the experts' sheet groups them. */
const choicesByBand = bands.map((band) =>
  selfScoreChoices.filter((value) => Number(value) >= band.from && Number(value) <= band.to),
)

/**
 * The self-assessment is long: it is saved a moment after the applicant stops typing, so a closed tab loses at
 * most a few seconds. Each autosave carries the version the last one returned; the page is not reloaded.
 */
function useAutosave(initialVersion: number, sections: readonly string[], selfScores: readonly string[]) {
  const fetcher = useFetcher<{ autosaved?: { at: string; version: number }; messageKey?: string }>()
  const csrf = useCsrfToken()
  const [version, setVersion] = useState(initialVersion)
  const [saved, setSaved] = useState(() => JSON.stringify([sections, selfScores]))
  const [savedAt, setSavedAt] = useState<string | null>(null)
  const text = JSON.stringify([sections, selfScores])
  const pending = useRef<string | null>(null)
  useEffect(() => {
    const answer = fetcher.data
    if (fetcher.state !== 'idle' || !answer) return
    if (answer.autosaved) {
      setVersion(answer.autosaved.version)
      setSavedAt(answer.autosaved.at)
      if (pending.current !== null) setSaved(pending.current)
    }
    pending.current = null
  }, [fetcher.state, fetcher.data])
  useEffect(() => {
    if (text === saved || fetcher.state !== 'idle') return
    const timer = setTimeout(() => {
      const body = new FormData()
      body.set('csrf', csrf)
      body.set('intent', 'autosave')
      body.set('version', String(version))
      sections.forEach((section, i) => body.set(`sections.${i}`, section))
      selfScores.forEach((score, i) => body.set(`selfScores.${i}`, score))
      pending.current = text
      fetcher.submit(body, { method: 'post' })
    }, autosaveDelayMs)
    return () => clearTimeout(timer)
    // `sections` is read through `text`, its serialised form, so a new array with the same text does not re-arm it;
    // the CSRF token and the fetcher's submit are the same for the page's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, saved, version, fetcher.state])
  return { version, savedAt, unsaved: text !== saved, failed: fetcher.data?.messageKey ?? null }
}

/** One text per GB/T 19580 category, with a live count against the 30,000-character limit. */
export function SelfAssessmentStep({ data }: { data: EditLoaderData }) {
  const t = useT()
  const lang = useLang()
  const sections = data.criteria.map((_, i) => data.values.selfAssessment.sections[i] ?? '')
  const selfScores = data.selfScoreItems.flat().map((item) => data.values.selfAssessment.selfScores[item.index] ?? '')
  const { form, onSubmit, errorOf } = useValidatedForm(selfAssessmentSchema, { sections, selfScores }, ['draft'])
  const watched = form.watch('sections') as string[] | undefined
  const current = watched ?? sections
  const currentScores = (form.watch('selfScores') as string[] | undefined) ?? selfScores
  const count = current.reduce((sum, text) => sum + countCharacters(text ?? ''), 0)
  const autosave = useAutosave(data.application.version, current, currentScores)
  return (
    <StepForm
      applicationId={data.application.id}
      version={autosave.version}
      step="selfAssessment"
      onSubmit={onSubmit}
      dirty={autosave.unsaved}
    >
      <p>{t('selfAssessment.intro')}</p>
      <p className="guide" aria-live="polite" data-testid="autosave">
        {autosave.savedAt
          ? t('selfAssessment.autosaved', { time: formatTime(autosave.savedAt, lang) })
          : t('selfAssessment.autosaveHint')}
        {autosave.failed ? <span className="error"> {t(keyOf(autosave.failed, 'errors.required'))}</span> : null}
      </p>
      <p
        className={`counter${count > selfAssessmentLimit ? ' over' : ''}`}
        aria-live="polite"
        data-testid="character-counter"
      >
        {t('selfAssessment.counter', { count: count.toLocaleString('en-US') })}
      </p>
      {errorOf('total') ? <p className="alert">{t(keyOf(errorOf('total')!, 'errors.required'))}</p> : null}
      {data.criteria.map((category, i) => (
        <Field
          key={category.code}
          id={`sections.${i}`}
          label={`${category.code} ${localName(category, lang)} (${t('selfAssessment.points', { points: category.points })})`}
          error={errorOf(`sections.${i}`)}
        >
          <textarea id={`sections.${i}`} rows={6} {...form.register(`sections.${i}`)} />
          {data.selfScoreItems[i]?.length ? (
            <details
              className="self-scores"
              open={data.selfScoreItems[i]!.some((item) => selfScores[item.index] !== '')}
            >
              <summary>{t('selfScore.heading')}</summary>
              <p className="hint">{t('selfScore.hint')}</p>
              {data.selfScoreItems[i]!.map((item) => (
                <label key={item.code} className="self-score">
                  <span>
                    {`${item.code} ${localName(item, lang)} (${t('selfAssessment.points', { points: item.points })})`}
                  </span>
                  <select {...form.register(`selfScores.${item.index}`)}>
                    <option value="">{t('selfScore.none')}</option>
                    {choicesByBand.map((choices, b) => (
                      <optgroup key={b} label={t(keyOf(`band.${b}`))}>
                        {choices.map((value) => (
                          <option key={value} value={value}>
                            {value}%
                          </option>
                        ))}
                      </optgroup>
                    ))}
                  </select>
                </label>
              ))}
            </details>
          ) : null}
        </Field>
      ))}
    </StepForm>
  )
}
