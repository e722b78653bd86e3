import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { ConfirmButton } from '~/components/confirm-button'
import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { useForm } from 'react-hook-form'
import { getDb } from '#db/client.server'
import { getApplicationForReviewer } from '#db/repositories/applications'
import { getCriteriaTree } from '#db/repositories/criteria'
import { listAttachments } from '#db/repositories/attachments'
import { getCycle, listCycleCategories } from '#db/repositories/cycles'
import { findSheet, listSheetComments, listSheetScores } from '#db/repositories/review'
import { respondToAssignment, saveScoreSheet } from '#workflows/review/review.server'
import { opensApplication } from '#workflows/review/assignment.machine'
import { readDraftProfile } from '#workflows/application/application-draft.schema'
import { ReviewInvitation } from '~/components/review-invitation'
import { bandOf, formatPoints } from '#workflows/review/scoring'
import { CsrfInput } from '~/components/csrf-input'
import { PercentageOptions } from '~/components/percentage-options'
import { FormError } from '~/components/form-error'
import { InlineError, PanelError, usePanelFocus } from '~/components/panel-error'
import { AttachmentList } from '~/components/attachment-list'
import { commentField, opportunitiesField, percentageField, scoreField, strengthsField } from '~/forms/score-sheet'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName, keyOf } from '~/i18n'
import { draftValues } from '~/utils/application-draft.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { httpError, inPanel, workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'
import { signedInPage } from '~/utils/public-page'

/** Kept for a session while the database is unchanged (app/page-cache.mjs): the loader only reads. */
export const handle = signedInPage

async function loadAssigned(request: Request, idParam: string | undefined) {
  const { actor } = await requireUser(request, 'reviewer')
  const id = Number(idParam)
  const db = getDb()
  // Joined through the reviewer's own assignments: an unassigned application does not exist for them.
  const application = Number.isSafeInteger(id) ? await getApplicationForReviewer(db, id, actor.userId) : undefined
  if (!application) throw httpError(404, 'errors.notFound')
  const cycle = (await getCycle(db, application.cycle_id))!
  const tree = await getCriteriaTree(db, cycle.edition_id)
  return { db, actor, application, tree }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, application, tree } = await loadAssigned(request, params.id)
  if (application.assignment_status === 'invited') {
    // Before the declaration: the applicant's name, industry and category, and nothing of the application itself.
    const category = (await listCycleCategories(db, application.cycle_id)).find(
      (c) => c.code === application.category_code,
    )
    return json({
      invitation: {
        applicationId: application.id,
        organisationName: application.organisation_name,
        industry: readDraftProfile(application.profile).industry,
        category: category ? { name_zh: category.name_zh, name_en: category.name_en } : null,
        awardType: application.award_type,
        dueDate: application.due_date,
      },
    } as const)
  }
  // Declined, removed or recused: the application is closed to this expert.
  if (!opensApplication(application.assignment_status)) throw httpError(404, 'errors.notFound')
  const sheet = await findSheet(db, application.assignment_id)
  const [scores, comments] = sheet
    ? await Promise.all([listSheetScores(db, sheet.id), listSheetComments(db, sheet.id)])
    : [[], []]
  return json({
    invitation: null,
    application: { id: application.id, organisationName: application.organisation_name, status: application.status },
    recusal: application.recused_at ? { reason: application.recusal_reason ?? '' } : null,
    selfAssessment: draftValues(application).selfAssessment.sections,
    attachments: await listAttachments(db, application.id),
    tree: tree.categories,
    sheet: sheet ? { version: sheet.version, status: sheet.status } : null,
    scores: Object.fromEntries(scores.map((s) => [s.item_id, s.percentage])),
    comments: Object.fromEntries(
      comments.map((c) => [c.category_id, { strengths: c.strengths, opportunities: c.opportunities }]),
    ),
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, actor, application, tree } = await loadAssigned(request, params.id)
  const form = await readForm(request)
  const intent = form.get('intent')
  if (intent === 'accept' || intent === 'conflict' || intent === 'decline' || intent === 'recuse') {
    try {
      const answer = intent === 'recuse' ? 'conflict' : intent
      await respondToAssignment(db, { applicationId: application.id, actor, answer, reason: form.get('reason') ?? '' })
      if (answer === 'accept')
        return redirectWithFlash(request, `/review/applications/${application.id}`, 'flash.invitationAccepted')
      return redirectWithFlash(
        request,
        '/review',
        answer === 'conflict' ? 'flash.conflictDeclared' : 'flash.invitationDeclined',
      )
    } catch (error) {
      return inPanel(workflowFailure(error), intent === 'recuse' ? 'recuse' : intent)
    }
  }
  const scores = new Map<number, number>()
  const comments = new Map<number, { strengths: string; opportunities: string }>()
  for (const category of tree.categories) {
    for (const item of category.items) {
      const parsed = percentageField.safeParse(form.get(scoreField(item.id)) ?? '')
      if (!parsed.success) return httpError(400, 'errors.percentage')
      if (parsed.data !== '') scores.set(item.id, parsed.data)
    }
    const strengths = commentField.safeParse(form.get(strengthsField(category.id)) ?? '')
    const opportunities = commentField.safeParse(form.get(opportunitiesField(category.id)) ?? '')
    if (!strengths.success || !opportunities.success) return httpError(400, 'errors.tooLong')
    if (strengths.data || opportunities.data)
      comments.set(category.id, { strengths: strengths.data, opportunities: opportunities.data })
  }
  const version = form.get('version')
  try {
    await saveScoreSheet(db, {
      applicationId: application.id,
      actor,
      expectedVersion: version ? Number(version) : null,
      scores,
      comments,
      submit: form.get('intent') === 'submit',
    })
    return redirectWithFlash(
      request,
      `/review/applications/${application.id}`,
      form.get('intent') === 'submit' ? 'flash.sheetSubmitted' : 'flash.saved',
    )
  } catch (error) {
    return workflowFailure(error)
  }
}

export default function ReviewPage() {
  const data = useLoaderData<typeof loader>()
  if (data.invitation) return <ReviewInvitation invitation={data.invitation} />
  return <ScoreSheet data={data} />
}

type SheetData = Exclude<ReturnType<typeof useLoaderData<typeof loader>>, { invitation: object }>

function ScoreSheet({ data }: { data: SheetData }) {
  const t = useT()
  usePanelFocus()
  const lang = useLang()
  const navigation = useNavigation()
  const readOnly =
    data.sheet?.status === 'submitted' || data.application.status !== 'documentReview' || data.recusal !== null
  const defaults: Record<string, string> = {}
  for (const category of data.tree) {
    for (const item of category.items)
      defaults[scoreField(item.id)] = data.scores[item.id] !== undefined ? String(data.scores[item.id]) : ''
    defaults[strengthsField(category.id)] = data.comments[category.id]?.strengths ?? ''
    defaults[opportunitiesField(category.id)] = data.comments[category.id]?.opportunities ?? ''
  }
  const form = useForm<Record<string, string>>({ defaultValues: defaults })
  const values = form.watch()
  const points = (itemId: number, max: number) => {
    const value = values[scoreField(itemId)]
    return value === '' || value === undefined ? null : Number(value) * max
  }
  const total = data.tree.flatMap((c) => c.items).reduce((sum, item) => sum + (points(item.id, item.points) ?? 0), 0)
  return (
    <section className="sheet">
      <h1>
        {t('review.sheet')} · {data.application.organisationName}
      </h1>
      <FormError />
      {data.recusal ? <p className="alert">{t('review.recused', { reason: data.recusal.reason })}</p> : null}
      {data.sheet?.status === 'submitted' ? <p className="flash">{t('review.submitted')}</p> : null}
      <details>
        <summary>{t('attachments.heading')}</summary>
        <AttachmentList attachments={data.attachments} />
      </details>
      <p className="guide">{t('review.bandGuide')}</p>
      <Form method="post">
        <CsrfInput />
        {data.sheet ? <input type="hidden" name="version" value={data.sheet.version} /> : null}
        <fieldset disabled={readOnly}>
          {data.tree.map((category, index) => (
            <fieldset key={category.id}>
              <legend>
                {category.code} {localName(category, lang)} ({category.points})
              </legend>
              <p className="guide">{category.kind === 'results' ? t('review.resultsLens') : t('review.processLens')}</p>
              <details>
                <summary>{t('review.selfAssessment')}</summary>
                <pre className="text">{data.selfAssessment[index] ?? ''}</pre>
              </details>
              <table className="items">
                <colgroup>
                  <col />
                  <col style={{ width: '5rem' }} />
                  <col style={{ width: '7rem' }} />
                  <col style={{ width: '16rem' }} />
                  <col style={{ width: '6rem' }} />
                </colgroup>
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
                  {category.items.map((item) => {
                    const value = points(item.id, item.points)
                    const chosen = values[scoreField(item.id)]
                    return (
                      <tr key={item.id}>
                        <td>
                          <label htmlFor={scoreField(item.id)}>
                            {item.code} {localName(item, lang)}
                          </label>
                        </td>
                        <td className="num">{item.points}</td>
                        <td>
                          {readOnly ? (
                            // A sheet that can no longer change shows its choice, not 22 options per item.
                            <output id={scoreField(item.id)}>{chosen ? `${chosen}%` : t('review.notScored')}</output>
                          ) : (
                            <select id={scoreField(item.id)} {...form.register(scoreField(item.id))}>
                              <option value="">{t('review.notScored')}</option>
                              <PercentageOptions />
                            </select>
                          )}
                        </td>
                        <td className="guide">{chosen ? t(keyOf(`band.${bandOf(Number(chosen))}`)) : ''}</td>
                        <td className="num" data-testid={`points-${item.code}`}>
                          {value === null ? '' : formatPoints(value)}
                        </td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
              <div className="row">
                <label>
                  {t('review.strengths')}
                  <textarea rows={3} {...form.register(strengthsField(category.id))} />
                </label>
                <label>
                  {t('review.opportunities')}
                  <textarea rows={3} {...form.register(opportunitiesField(category.id))} />
                </label>
              </div>
            </fieldset>
          ))}
          <p className="total">
            {t('review.total')}: <strong data-testid="sheet-total">{formatPoints(total)}</strong> /{' '}
            {data.tree.reduce((sum, c) => sum + c.points, 0)}
          </p>
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
              confirm={t('confirm.submitSheet')}
              disabled={navigation.state === 'submitting'}
            >
              {t('review.submit')}
            </ConfirmButton>
          </div>
        </fieldset>
      </Form>
      {readOnly ? null : (
        <Form method="post" className="card" id="recuse">
          <CsrfInput />
          <PanelError panel="recuse" />
          <label>
            {t('review.conflictReason')}
            <textarea name="reason" rows={2} required />
            <InlineError panel="recuse" name="reason" />
          </label>
          <ConfirmButton name="intent" value="recuse" className="secondary" confirm={t('confirm.declareConflict')}>
            {t('review.declareConflict')}
          </ConfirmButton>
        </Form>
      )}
    </section>
  )
}
