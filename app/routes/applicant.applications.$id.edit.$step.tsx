import { postedInteger } from '~/forms/form-data'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Link, type ShouldRevalidateFunction, useLoaderData } from '@remix-run/react'
import { getCriteriaTree } from '#db/repositories/criteria'
import { getCycle, listCycleCategories, listRequiredEvidence } from '#db/repositories/cycles'
import type { ApplicationUpdate } from '#db/schema'
import { mayBeEdited } from '#workflows/application/application.queries'
import {
  applicableConditions,
  missingEvidence,
  missingSteps,
  yearsSinceRegistration,
} from '#workflows/application/application.rules'
import { RequiredEvidence } from '~/components/required-evidence'
import { versionShownToApplicant } from '#workflows/application/application.policy'
import { saveDraftStep, submitApplication } from '#workflows/application/application.server'
import { CategoryStep } from '~/components/steps/category-step'
import { EligibilityStep } from '~/components/steps/eligibility-step'
import { ProfileStep } from '~/components/steps/profile-step'
import { SelfAssessmentStep } from '~/components/steps/self-assessment-step'
import { SummaryStep } from '~/components/steps/summary-step'
import { FormError } from '~/components/form-error'
import { AttachmentList } from '~/components/attachment-list'
import { AttachmentUpload } from '~/components/attachment-upload'
import {
  type ApplicationStep,
  applicationSteps,
  categorySchema,
  eligibilitySchema,
  profileSchema,
  selfAssessmentSchema,
} from '#workflows/application/application.schema'
import { draftSchemas } from '#workflows/application/application-draft.schema'
import { useLang, useT } from '~/hooks/use-i18n'
import { formatDay } from '~/utils/format'
import { draftValues, summaryHeadings } from '~/utils/application-draft.server'
import { flushOutboxSoon } from '~/utils/email.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors, httpError, workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { requireOwnApplication } from '~/utils/application-access.server'
import { parseForm } from '~/utils/validation.server'
import { listAudit } from '#db/repositories/audit'
import { listAttachments } from '#db/repositories/attachments'

function stepOf(value: string | undefined): ApplicationStep {
  if (!applicationSteps.includes(value as ApplicationStep)) throw httpError(404, 'errors.notFound')
  return value as ApplicationStep
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const step = stepOf(params.step)
  const { db, application } = await requireOwnApplication(request, params.id)
  if (!mayBeEdited(application.status)) throw redirect(`/applicant/applications/${application.id}`)
  const cycle = (await getCycle(db, application.cycle_id))!
  const [categories, tree, audit, attachments, requiredEvidence] = await Promise.all([
    listCycleCategories(db, cycle.id),
    getCriteriaTree(db, cycle.edition_id),
    listAudit(db, 'application', application.id),
    listAttachments(db, application.id),
    listRequiredEvidence(db, cycle.id),
  ])
  const values = draftValues(application)
  const registrationDate = (values.profile as { registrationDate?: string }).registrationDate
  return json({
    step,
    application: {
      id: application.id,
      version: versionShownToApplicant(application.version, audit, application.decision_level_id !== null),
      status: application.status,
    },
    values,
    ...summaryHeadings(categories, tree),
    // The items an applicant may score itself on, per category, each with its place in the edition's order (the
    // index its self-score is stored under).
    selfScoreItems: step === 'selfAssessment' ? selfScoreItemsOf(tree) : [],
    missing: missingSteps(application, tree.categories.length),
    attachments,
    evidence: {
      required: applicableConditions(application.award_type).filter((condition) =>
        requiredEvidence.some((r) => r.awardType === application.award_type && r.condition === condition),
      ),
      missing: missingEvidence(requiredEvidence, application.award_type, attachments),
    },
    yearsRegistered:
      registrationDate && /^\d{4}-\d{2}-\d{2}$/.test(registrationDate)
        ? yearsSinceRegistration(registrationDate, new Date().toISOString().slice(0, 10))
        : null,
    returnedReason:
      application.status === 'returned'
        ? (audit.filter((a) => a.event === 'RETURN_FOR_CORRECTION').at(-1)?.reason ?? null)
        : null,
    correctionDueDate: application.status === 'returned' ? application.correction_due_date : null,
  })
}

function selfScoreItemsOf(tree: Awaited<ReturnType<typeof getCriteriaTree>>) {
  let index = 0
  return tree.categories.map((c) =>
    c.items.map((item) => ({
      code: item.code,
      name_zh: item.name_zh,
      name_en: item.name_en,
      points: item.points,
      index: index++,
    })),
  )
}

type DraftStep = Exclude<ApplicationStep, 'summary'>

/**
 * The columns one step writes: the posted fields through the step's draft schema, so only known fields, each
 * well-typed, are stored (over-long text is refused with its field's message).
 */
function changesFor(
  step: DraftStep,
  form: URLSearchParams,
): { ok: true; changes: ApplicationUpdate } | { ok: false; errors: Record<string, string> } {
  const parsed = parseForm(draftSchemas[step === 'eligibility' ? 'declarations' : step], form)
  if (!parsed.ok) return parsed
  const value = parsed.data
  switch (step) {
    case 'profile':
      return { ok: true, changes: { profile: JSON.stringify(value) } }
    case 'category': {
      const category = value as { categoryCode: string; awardType: string; projectName: string }
      return {
        ok: true,
        changes: {
          category_code: category.categoryCode || null,
          award_type: category.awardType || null,
          project_name: category.projectName || null,
        },
      }
    }
    case 'eligibility':
      return { ok: true, changes: { declarations: JSON.stringify(value) } }
    case 'selfAssessment':
      return { ok: true, changes: { self_assessment: JSON.stringify(value) } }
  }
}

const schemas = {
  profile: profileSchema,
  category: categorySchema,
  eligibility: eligibilitySchema,
  selfAssessment: selfAssessmentSchema,
} as const

export async function action({ request, params }: ActionFunctionArgs) {
  const step = stepOf(params.step)
  const { db, actor, application } = await requireOwnApplication(request, params.id)
  const form = await readForm(request)
  const intent = form.get('intent')
  const expectedVersion = postedInteger(form, 'version')
  try {
    if (step === 'summary') {
      if (intent !== 'submit') return httpError(400, 'errors.notAllowedNow')
      await submitApplication(db, { applicationId: application.id, actor, expectedVersion })
      flushOutboxSoon()
      return redirectWithFlash(request, `/applicant/applications/${application.id}`, 'flash.submitted')
    }
    // A draft save, by the button or the self-assessment's autosave, stores what is typed as it is.
    const asDraft = intent === 'draft' || intent === 'autosave'
    if (!asDraft) {
      const parsed = parseForm(schemas[step], form)
      if (!parsed.ok) return fieldErrors(parsed.errors)
      if (step === 'category') {
        const known = await listCycleCategories(db, application.cycle_id)
        if (!known.some((c) => c.code === (parsed.data as { categoryCode: string }).categoryCode))
          return fieldErrors({ categoryCode: 'errors.unknownCategory' })
      }
    }
    const draft = changesFor(step, form)
    if (!draft.ok) return fieldErrors(draft.errors, 'errors.tooLong')
    const next = applicationSteps[applicationSteps.indexOf(step) + 1]!
    const version = await saveDraftStep(db, {
      applicationId: application.id,
      actor,
      expectedVersion,
      step: asDraft ? step : next,
      changes: draft.changes,
    })
    // Answered in place: the page stays as it is, with the version its next save must carry.
    if (intent === 'autosave') return json({ autosaved: { at: new Date().toISOString(), version } })
    if (intent === 'draft')
      return redirectWithFlash(request, `/applicant/applications/${application.id}/edit/${step}`, 'flash.saved')
    return redirect(`/applicant/applications/${application.id}/edit/${next}`)
  } catch (error) {
    return workflowFailure(error)
  }
}

/** An autosave answers in place; reloading the step's data would reset the text being typed. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'autosave' ? false : defaultShouldRevalidate

export default function EditApplication() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const index = applicationSteps.indexOf(data.step)
  return (
    <section>
      <h1>{t('application.heading')}</h1>
      {data.returnedReason ? (
        <p className="alert">
          {t('application.returnedReason')} {data.returnedReason}
          {data.correctionDueDate
            ? ` ${t('application.correctionDue', { date: formatDay(data.correctionDueDate, lang) })}`
            : ''}
        </p>
      ) : null}
      <ol className="steps" aria-label={t('form.stepOf', { n: index + 1, total: applicationSteps.length })}>
        {applicationSteps.map((step, i) => (
          <li
            key={step}
            className={step === data.step ? 'current' : ''}
            aria-current={step === data.step ? 'step' : undefined}
          >
            <Link to={`/applicant/applications/${data.application.id}/edit/${step}`}>
              {i + 1}. {t(`step.${step}`)}
            </Link>
          </li>
        ))}
      </ol>
      <h2>{t(`step.${data.step}`)}</h2>
      <FormError
        vars={{
          steps: data.missing.map((s) => t(`step.${s}`)).join('、'),
          conditions: data.evidence.missing.map((c) => t(`declaration.${c}`)).join('、'),
        }}
      />
      {data.step === 'profile' ? <ProfileStep key={data.application.version} data={data} /> : null}
      {data.step === 'category' ? <CategoryStep key={data.application.version} data={data} /> : null}
      {data.step === 'eligibility' ? (
        <>
          <EligibilityStep key={data.application.version} data={data} />
          <div className="card" id="attachments" data-testid="attachments">
            <h3>{t('attachments.heading')}</h3>
            <p>{t('attachments.intro')}</p>
            <RequiredEvidence required={data.evidence.required} missing={data.evidence.missing} />
            <AttachmentList
              attachments={data.attachments}
              removeAction={`/applicant/applications/${data.application.id}/attachments`}
            />
            <AttachmentUpload action={`/applicant/applications/${data.application.id}/attachments`} />
          </div>
        </>
      ) : null}
      {data.step === 'selfAssessment' ? <SelfAssessmentStep key={data.application.version} data={data} /> : null}
      {data.step === 'summary' ? <SummaryStep data={data} /> : null}
    </section>
  )
}

export type EditLoaderData = ReturnType<typeof useLoaderData<typeof loader>>
