import { postedInteger } from '~/forms/form-data'
import { applicationNumber } from '#workflows/application/application-number'
import { stageTracker } from '#workflows/application/stage-tracker'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { ConfirmButton } from '~/components/confirm-button'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { listAudit } from '#db/repositories/audit'
import { listAttachments } from '#db/repositories/attachments'
import { getCriteriaTree } from '#db/repositories/criteria'
import { getAwardLevelById, getCycle, listCycleCategories } from '#db/repositories/cycles'
import {
  editsAsMember,
  auditShownToApplicant,
  statusShownToApplicant,
  versionShownToApplicant,
} from '#workflows/application/application.policy'
import { mayBeEdited, mayBeWithdrawn } from '#workflows/application/application.queries'
import { applyApplicationEvent } from '#workflows/application/application.server'
import { ApplicationSummary } from '~/components/application-summary'
import { CsrfInput } from '~/components/csrf-input'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { StageTracker } from '~/components/stage-tracker'
import { StatusBadge } from '~/components/status-badge'
import { Timeline } from '~/components/timeline'
import { reasonSchema } from '#workflows/application/application.schema'
import { useLang, useT } from '~/hooks/use-i18n'
import { formatDateTime, formatDay } from '~/utils/format'
import { keyOf, localName } from '~/i18n'
import { listDraftEdits } from '#db/repositories/team'
import { draftValues, summaryHeadings } from '~/utils/application-draft.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors, httpError, inPanel, workflowFailure } from '~/utils/http.server'
import { listApplicationMessages } from '#db/repositories/application-messages'
import { postToThread } from '#workflows/application/thread.server'
import { MessageThread, threadMessages } from '~/components/message-thread'
import { flushOutboxSoon } from '~/utils/email.server'
import { readForm } from '~/utils/request.server'
import { requireOwnApplication } from '~/utils/application-access.server'
import { parseForm } from '~/utils/validation.server'
import { secondHalfForApplicant } from '~/utils/stages-view.server'
import { feedbackByCategory, selfScoreReport } from '~/utils/feedback-report.server'
import { SelfScoreComparisonView } from '~/components/self-score-comparison'
import { confirmSchedule } from '#workflows/stages/confirm.server'
import { DefenceSlot, SiteVisitDate } from '~/components/stage-slot'
import { InlineError, PanelError, usePanelFocus } from '~/components/panel-error'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, actor, application } = await requireOwnApplication(request, params.id)
  const cycle = (await getCycle(db, application.cycle_id))!
  const [audit, categories, tree] = await Promise.all([
    listAudit(db, 'application', application.id),
    listCycleCategories(db, application.cycle_id),
    getCriteriaTree(db, cycle.edition_id),
  ])
  // The committee's decision stays out of the page until the cycle's results are published.
  const published = application.status === 'published'
  const level =
    published && application.decision_level_id ? await getAwardLevelById(db, application.decision_level_id) : undefined
  const category = categories.find((c) => c.code === application.category_code)
  // The feedback report (反馈报告) comes with the result, and like it only after publication.
  const feedback = published ? await feedbackByCategory(db, application.id, tree) : null
  const values = draftValues(application)
  // The applicant's own scores beside the experts', with the rest of the feedback: after publication only.
  const selfScores = published
    ? await selfScoreReport(db, application.id, tree, values.selfAssessment.selfScores)
    : null
  const shownStatus = statusShownToApplicant(
    application.status,
    application.decision_level_id !== null,
    cycle.shortlist_size !== null,
  )
  return json({
    application: {
      id: application.id,
      number: applicationNumber(cycle.year, application.id),
      version: versionShownToApplicant(application.version, audit, application.decision_level_id !== null),
      status: shownStatus,
      tracker: stageTracker(shownStatus, cycle.shortlist_size !== null),
      organisationName: application.organisation_name,
      category: category ? { name_zh: category.name_zh, name_en: category.name_en } : null,
      awardType: application.award_type,
      correctionDueDate: application.status === 'returned' ? application.correction_due_date : null,
    },
    audit: auditShownToApplicant(audit, application.decision_level_id !== null),
    values,
    attachments: await listAttachments(db, application.id),
    ...summaryHeadings(categories, tree),
    // A colleague who only reads (a viewer) is offered nothing to change.
    editable: mayBeEdited(application.status) && editsAsMember(actor),
    withdrawable: mayBeWithdrawn(application.status) && editsAsMember(actor),
    // Who saved which step, latest first: a team fills in one application (issue 22).
    edits: await listDraftEdits(db, application.id),
    feedback,
    selfScores,
    stages: await secondHalfForApplicant(db, application),
    thread: threadMessages(await listApplicationMessages(db, application.id)),
    result: published
      ? { awarded: level !== undefined, level: level ? { name_zh: level.name_zh, name_en: level.name_en } : null }
      : null,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, actor, application } = await requireOwnApplication(request, params.id)
  const form = await readForm(request)
  const intent = form.get('intent')
  if (intent === 'message') {
    try {
      await postToThread(db, { applicationId: application.id, actor, body: form.get('body') ?? '' })
      flushOutboxSoon()
      return redirectWithFlash(request, `/applicant/applications/${application.id}#thread`, 'flash.messagePosted')
    } catch (error) {
      return inPanel(workflowFailure(error), 'thread')
    }
  }
  if (intent === 'confirmDefence' || intent === 'confirmSiteVisit') {
    try {
      await confirmSchedule(db, {
        applicationId: application.id,
        stage: intent === 'confirmDefence' ? 'defence' : 'siteVisit',
        actor,
      })
      return redirectWithFlash(request, `/applicant/applications/${application.id}`, 'flash.scheduleConfirmed')
    } catch (error) {
      return workflowFailure(error)
    }
  }
  if (intent !== 'withdraw') return httpError(400, 'errors.notAllowedNow')
  const parsed = parseForm(reasonSchema, form)
  if (!parsed.ok) return fieldErrors(parsed.errors)
  try {
    await applyApplicationEvent(db, {
      applicationId: application.id,
      actor,
      event: { type: 'WITHDRAW', reason: parsed.data.reason },
      expectedVersion: postedInteger(form, 'version'),
    })
    return redirectWithFlash(request, `/applicant/applications/${application.id}`, 'flash.withdrawn')
  } catch (error) {
    return workflowFailure(error)
  }
}

export default function ApplicationView() {
  const {
    application,
    audit,
    editable,
    withdrawable,
    result,
    values,
    categories,
    criteria,
    feedback,
    selfScores,
    attachments,
    stages,
    thread,
    edits,
  } = useLoaderData<typeof loader>()
  const answer = useActionData<{ panel?: string; fieldErrors?: Record<string, string> }>()
  const t = useT()
  const lang = useLang()
  usePanelFocus()
  const returned =
    application.status === 'returned' ? audit.filter((a) => a.event === 'RETURN_FOR_CORRECTION').at(-1) : undefined
  return (
    <section>
      <h1>
        {t('application.heading')} · {application.organisationName}
      </h1>
      <FormError />
      <p>
        {t('application.number')}: <strong data-testid="application-number">{application.number}</strong>
      </p>
      {application.tracker ? <StageTracker stages={application.tracker} /> : null}
      <p>
        {t('applicant.status')}: <StatusBadge status={application.status} />
        {application.category ? ` · ${localName(application.category, lang)}` : ''}
      </p>
      {returned ? (
        <p className="alert">
          {t('application.returnedReason')} {returned.reason}
          {application.correctionDueDate
            ? ` ${t('application.correctionDue', { date: formatDay(application.correctionDueDate, lang) })}`
            : ''}
        </p>
      ) : null}
      <p className="actions">
        {editable ? (
          <Link className="button" to={`/applicant/applications/${application.id}/edit/profile`}>
            {application.status === 'returned' ? t('application.editCorrection') : t('applicant.continue')}
          </Link>
        ) : null}
        <a href={`/applicant/applications/${application.id}/application.pdf`} download>
          {t('pdf.downloadApplication')}
        </a>
      </p>
      {stages.defence ? (
        <div className="card" data-testid="defence" id="defence">
          <h2>{t('applicantStage.defence')}</h2>
          <p>
            <strong>
              <DefenceSlot slot={stages.defence} />
            </strong>
          </p>
          <p className="guide">
            {t('applicantStage.defenceHint')}{' '}
            <a href="/calendar.ics" download>
              {t('calendar.download')}
            </a>
          </p>
          <ConfirmForm
            confirmed={stages.defence.confirmed}
            confirmable={stages.defence.confirmable}
            intent="confirmDefence"
            label={t('applicantStage.confirmDefence')}
          />
          {stages.defence.presentation ? (
            <p>
              {t('stages.presentation')}:{' '}
              <a href={`/defence-presentation/${application.id}`}>{stages.defence.presentation}</a>
            </p>
          ) : null}
          {stages.defence.confirmable ? (
            <Form
              method="post"
              action={`/applicant/applications/${application.id}/presentation`}
              encType="multipart/form-data"
              id="presentation"
              className="actions"
            >
              <CsrfInput />
              <PanelError panel="presentation" />
              <label>
                {t('applicantStage.presentation')}
                <input type="file" name="file" accept="application/pdf" required />
                <InlineError panel="presentation" name="file" />
              </label>
              <button type="submit" className="secondary">
                {t('applicantStage.upload')}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {stages.visit ? (
        <div className="card" data-testid="site-visit">
          <h2>{t('applicantStage.siteVisit')}</h2>
          <p>
            <strong>
              <SiteVisitDate visit={stages.visit} />
            </strong>
          </p>
          <p className="guide">
            {t('applicantStage.visitHint')}{' '}
            <a href="/calendar.ics" download>
              {t('calendar.download')}
            </a>
          </p>
          <ConfirmForm
            confirmed={stages.visit.confirmed}
            confirmable={stages.visit.confirmable}
            intent="confirmSiteVisit"
            label={t('applicantStage.confirmVisit')}
          />
        </div>
      ) : null}
      <div className="card">
        <h2>{t('application.result')}</h2>
        {result ? (
          <p data-testid="result">
            {result.level
              ? t('application.awardedLevel', { level: localName(result.level, lang) })
              : t('application.notAwarded')}
          </p>
        ) : application.status === 'withdrawn' ||
          application.status === 'ineligible' ||
          application.status === 'draft' ? (
          // No result will come: withdrawn, found ineligible, or never submitted.
          <p>{t(`application.noResult.${application.status}` as 'application.noResult.withdrawn')}</p>
        ) : (
          <p>{t('application.resultPending')}</p>
        )}
      </div>
      {feedback ? (
        <div className="card" data-testid="feedback">
          <h2>{t('feedback.heading')}</h2>
          <p>{t('feedback.intro')}</p>
          <p>
            <a href={`/applicant/applications/${application.id}/feedback.pdf`} download>
              {t('pdf.downloadFeedback')}
            </a>
          </p>
          {feedback.map((category) => (
            <section key={category.code}>
              <h3>
                {category.code} {localName(category, lang)}
              </h3>
              {category.points !== null ? (
                <p data-testid="feedback-points">
                  {t('feedback.categoryScore', { points: category.points, max: category.maxPoints })}
                </p>
              ) : null}
              {category.items.length > 0 ? (
                <details>
                  <summary>{t('feedback.itemBands')}</summary>
                  <ul className="guide">
                    {category.items.map((item) => (
                      <li key={item.code}>
                        {item.code} {localName(item, lang)}
                        {lang === 'en' ? ': ' : '：'}
                        {item.band}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {category.comments.length === 0 ? <p>{t('feedback.none')}</p> : null}
              {category.comments.length > 0 ? (
                <table>
                  <thead>
                    <tr>
                      <th>{t('review.strengths')}</th>
                      <th>{t('review.opportunities')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {category.comments.map((comment, i) => (
                      <tr key={i}>
                        <td>
                          <pre className="text">{comment.strengths}</pre>
                        </td>
                        <td>
                          <pre className="text">{comment.opportunities}</pre>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </section>
          ))}
          {selfScores ? <SelfScoreComparisonView comparison={selfScores} categoryNames={criteria} /> : null}
          {stages.feedback && stages.feedback.defenceNotes.length > 0 ? (
            <section>
              <h3>{t('stages.defence')}</h3>
              {stages.feedback.defenceNotes.map((note, i) => (
                <pre key={i} className="text">
                  {note}
                </pre>
              ))}
            </section>
          ) : null}
          {stages.feedback && stages.feedback.findings.length > 0 ? (
            <section>
              <h3>
                {t('stages.siteVisit')} · {t('stages.findings')}
              </h3>
              <ul>
                {stages.feedback.findings.map((f, i) => (
                  <li key={i}>
                    <strong>{t(`stages.severity.${f.severity}`)}</strong> {f.text}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      ) : null}
      <MessageThread
        messages={thread}
        heading={t('thread.heading')}
        hint={t('thread.hintApplicant')}
        error={answer?.panel === 'thread' ? answer.fieldErrors?.body : undefined}
      />
      {edits.length > 0 ? (
        <>
          <h2>{t('team.edits')}</h2>
          <ul data-testid="draft-edits">
            {edits.map((edit) => (
              <li key={edit.id}>
                {formatDateTime(edit.at, lang)} ·{' '}
                {t('team.editedBy', { name: edit.editor_name, step: t(keyOf(`step.${edit.step}`)) })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('application.timeline')}</h2>
      <Timeline entries={audit} showActor={false} />
      <ApplicationSummary values={values} categories={categories} criteria={criteria} attachments={attachments} />
      {withdrawable ? (
        <Form method="post" className="card">
          <CsrfInput />
          <input type="hidden" name="version" value={application.version} />
          <Field id="reason" label={t('application.withdrawReason')}>
            <textarea id="reason" name="reason" rows={2} required />
          </Field>
          <ConfirmButton name="intent" value="withdraw" className="secondary" confirm={t('confirm.withdraw')}>
            {t('application.withdraw')}
          </ConfirmButton>
        </Form>
      ) : null}
    </section>
  )
}

/** The applicant's confirmation of a slot: a button while it can be given, then a plain "confirmed". */
function ConfirmForm(props: { confirmed: boolean; confirmable: boolean; intent: string; label: string }) {
  const t = useT()
  if (props.confirmed) return <p className="flash">{t('applicantStage.confirmed')}</p>
  if (!props.confirmable) return null
  return (
    <Form method="post">
      <CsrfInput />
      <button type="submit" name="intent" value={props.intent}>
        {props.label}
      </button>
    </Form>
  )
}
