import { sheetClosedKey, sheetOpening } from '#workflows/stages/stage-slots'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type SerializeFrom } from '@remix-run/node'
import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { useForm } from 'react-hook-form'
import { findDefenceSheet, getDefence, listDefenceSheetScores } from '#db/repositories/stages'
import { saveDefenceSheet } from '#workflows/stages/defence.server'
import { bandOf, formatPoints } from '#workflows/review/scoring'
import { ConfirmButton } from '~/components/confirm-button'
import { CsrfInput } from '~/components/csrf-input'
import { FormError } from '~/components/form-error'
import { InlineError, PanelError, usePanelFocus } from '~/components/panel-error'
import { PanelDeclaration } from '~/components/panel-declaration'
import { PercentageOptions } from '~/components/percentage-options'
import { DefenceSlot } from '~/components/stage-slot'
import { StatusBadge } from '~/components/status-badge'
import { commentField, percentageField } from '~/forms/score-sheet'
import { categoryField } from '~/forms/stages'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName, keyOf } from '~/i18n'
import { draftValues } from '~/utils/application-draft.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors, inPanel, workflowFailure } from '~/utils/http.server'
import { panelDeclarationAction, requirePanelSeat } from '~/utils/panel-access.server'
import { readForm } from '~/utils/request.server'
import { awardNow } from '#workflows/time'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, actor, seat, application, tree } = await requirePanelSeat(request, params.id, 'defence')
  const [slot, sheet] = await Promise.all([
    getDefence(db, application.id),
    findDefenceSheet(db, application.id, actor.userId),
  ])
  const applicationView = {
    id: application.id,
    organisationName: application.organisation_name,
    status: application.status,
  }
  // Before the member declares, only who applies and when: nothing of the file.
  if (seat.declared_at === null)
    return json({
      declarationNeeded: true as const,
      application: applicationView,
      slot: slot ? { startsAt: slot.starts_at, minutes: slot.minutes, place: slot.place } : null,
    })
  const scores = sheet ? await listDefenceSheetScores(db, sheet.id) : []
  return json({
    declarationNeeded: false as const,
    application: applicationView,
    slot: slot
      ? { startsAt: slot.starts_at, minutes: slot.minutes, place: slot.place, presentation: slot.presentation_filename }
      : null,
    // The sheet opens once the applicant confirmed and the defence has begun (the service refuses a save before).
    opening: slot
      ? sheetOpening({ start: slot.starts_at, confirmedAt: slot.confirmed_at }, awardNow().toISOString())
      : 'awaitingConfirmation',
    // The panel reads the self-assessment it is defended against; nothing else of the file opens here.
    selfAssessment: draftValues(application).selfAssessment.sections,
    categories: tree.categories.map((c) => ({
      id: c.id,
      code: c.code,
      name_zh: c.name_zh,
      name_en: c.name_en,
      points: c.points,
    })),
    sheet: sheet ? { version: sheet.version, status: sheet.status, notes: sheet.notes } : null,
    scores: Object.fromEntries(scores.map((s) => [s.category_id, s.percentage])),
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, actor, application, tree } = await requirePanelSeat(request, params.id, 'defence')
  const form = await readForm(request)
  const declared = await panelDeclarationAction(request, form, {
    stage: 'defence',
    applicationId: application.id,
    actor,
  })
  if (declared) return declared
  const scores = new Map<number, number>()
  for (const category of tree.categories) {
    const parsed = percentageField.safeParse(form.get(categoryField(category.id)) ?? '')
    if (!parsed.success)
      return inPanel(fieldErrors({ [categoryField(category.id)]: 'errors.percentage' }, 'errors.percentage'), 'sheet')
    if (parsed.data !== '') scores.set(category.id, parsed.data)
  }
  const notes = commentField.safeParse(form.get('notes') ?? '')
  if (!notes.success) return inPanel(fieldErrors({ notes: 'errors.tooLong' }, 'errors.tooLong'), 'sheet')
  const version = form.get('version')
  const submit = form.get('intent') === 'submit'
  try {
    await saveDefenceSheet(db, {
      applicationId: application.id,
      actor,
      scores,
      notes: notes.data,
      submit,
      expectedVersion: version ? Number(version) : null,
    })
    return redirectWithFlash(
      request,
      `/review/defence/${application.id}`,
      submit ? 'flash.defenceSheetSubmitted' : 'flash.saved',
    )
  } catch (error) {
    return inPanel(workflowFailure(error), 'sheet')
  }
}

type Loaded = SerializeFrom<typeof loader>

/** The member's declaration first; then the sheet. */
export default function DefencePage() {
  const data = useLoaderData<typeof loader>()
  if (data.declarationNeeded)
    return (
      <PanelDeclaration
        stage="defence"
        organisationName={data.application.organisationName}
        when={data.slot ? <DefenceSlot slot={data.slot} /> : '—'}
      />
    )
  return <DefenceSheet data={data} />
}

/** A panel member's defence sheet: the seven categories in 5 % steps, the points as they are chosen, and notes. */
function DefenceSheet({ data }: { data: Extract<Loaded, { declarationNeeded: false }> }) {
  const t = useT()
  const lang = useLang()
  const navigation = useNavigation()
  usePanelFocus()
  const readOnly =
    data.sheet?.status === 'submitted' || data.application.status !== 'defenceScheduled' || data.opening !== 'open'
  const defaults: Record<string, string> = { notes: data.sheet?.notes ?? '' }
  for (const category of data.categories)
    defaults[categoryField(category.id)] =
      data.scores[category.id] !== undefined ? String(data.scores[category.id]) : ''
  const form = useForm<Record<string, string>>({ defaultValues: defaults })
  const values = form.watch()
  const pointsOf = (id: number, max: number) =>
    values[categoryField(id)] ? Number(values[categoryField(id)]) * max : null
  const total = data.categories.reduce((sum, c) => sum + (pointsOf(c.id, c.points) ?? 0), 0)
  return (
    <section className="sheet">
      <h1>
        {t('review.defenceSheet')} · {data.application.organisationName}
      </h1>
      <FormError />
      <p>
        <StatusBadge status={data.application.status} />
        {data.slot ? (
          <>
            {' · '}
            <DefenceSlot slot={data.slot} />
          </>
        ) : null}
      </p>
      {data.sheet?.status === 'submitted' ? <p className="flash">{t('review.submitted')}</p> : null}
      {data.application.status === 'defenceScheduled' && data.opening !== 'open' ? (
        <p className="alert" data-testid="sheet-closed">
          {t(sheetClosedKey(data.opening), { at: data.slot?.startsAt.replace('T', ' ') ?? '' })}
        </p>
      ) : null}
      <p className="guide">{t('review.defenceGuide')}</p>
      <p>
        {data.slot?.presentation ? (
          <a href={`/defence-presentation/${data.application.id}`}>
            {t('stages.presentation')}: {data.slot.presentation}
          </a>
        ) : (
          t('stages.noPresentation')
        )}
      </p>
      <details>
        <summary>{t('review.selfAssessment')}</summary>
        {data.categories.map((category, index) => (
          <section key={category.id}>
            <h3>
              {category.code} {localName(category, lang)}
            </h3>
            <pre className="text">{data.selfAssessment[index] ?? ''}</pre>
          </section>
        ))}
      </details>
      <Form method="post" id="sheet">
        <CsrfInput />
        <PanelError panel="sheet" />
        {data.sheet ? <input type="hidden" name="version" value={data.sheet.version} /> : null}
        <fieldset disabled={readOnly}>
          <table className="items">
            <thead>
              <tr>
                <th>{t('review.item')}</th>
                <th className="num">{t('review.maxPoints')}</th>
                <th>{t('review.percentage')}</th>
                <th>{t('review.band')}</th>
                <th className="num">{t('review.points')}</th>
              </tr>
            </thead>
            <tbody>
              {data.categories.map((category) => {
                const chosen = values[categoryField(category.id)]
                const points = pointsOf(category.id, category.points)
                return (
                  <tr key={category.id}>
                    <td>
                      <label htmlFor={categoryField(category.id)}>
                        {category.code} {localName(category, lang)}
                      </label>
                    </td>
                    <td className="num">{category.points}</td>
                    <td>
                      <select id={categoryField(category.id)} {...form.register(categoryField(category.id))}>
                        <option value="">{t('review.notScored')}</option>
                        <PercentageOptions />
                      </select>
                      <InlineError panel="sheet" name={categoryField(category.id)} />
                    </td>
                    <td className="guide">{chosen ? t(keyOf(`band.${bandOf(Number(chosen))}`)) : ''}</td>
                    <td className="num">{points === null ? '' : formatPoints(points)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          <p className="total">
            {t('review.total')}: <strong data-testid="sheet-total">{formatPoints(total)}</strong> /{' '}
            {data.categories.reduce((sum, c) => sum + c.points, 0)}
          </p>
          <label>
            {t('stages.notes')}
            <textarea rows={5} {...form.register('notes')} />
            <InlineError panel="sheet" name="notes" />
          </label>
          <div className="actions">
            <button
              type="submit"
              name="intent"
              value="draft"
              className="secondary"
              disabled={navigation.state === 'submitting'}
            >
              {t('review.saveDraft')}
            </button>
            <ConfirmButton
              name="intent"
              value="submit"
              confirm={t('confirm.submitDefence')}
              disabled={navigation.state === 'submitting'}
            >
              {t('review.submit')}
            </ConfirmButton>
          </div>
        </fieldset>
      </Form>
    </section>
  )
}
