/** The applicant's five-step form, its saves and the submission (issue 21: page modules). */
import { postedInteger } from '~/forms/form-data'
import { type ActionFunctionArgs, json, redirect } from '@remix-run/node'
import { listCycleCategories } from '#db/repositories/cycles'
import type { ApplicationUpdate } from '#db/schema'
import { saveDraftStep, submitApplication } from '#workflows/application/application.server'
import {
  type ApplicationStep,
  applicationSteps,
  categorySchema,
  eligibilitySchema,
  profileSchema,
  selfAssessmentSchema,
} from '#workflows/application/application.schema'
import { draftSchemas } from '#workflows/application/application-draft.schema'
import { flushOutboxSoon } from '~/utils/email.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors, httpError, inPanel, workflowFailure } from '~/utils/http.server'
import { confirmAsLegalRepresentative } from '#workflows/application/legal-confirmation.server'
import { readForm } from '~/utils/request.server'
import { requireOwnApplication } from '~/utils/application-access.server'
import { parseForm } from '~/utils/validation.server'
import { stepOf } from './loader.server'
import { awardNow } from '#workflows/time'

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
    if (step === 'summary' && intent === 'confirm') {
      await confirmAsLegalRepresentative(db, {
        applicationId: application.id,
        actor,
        expectedVersion,
        representative: String(form.get('representative') ?? ''),
        undertaking: form.get('undertaking') === 'on',
      })
      return redirectWithFlash(
        request,
        `/applicant/applications/${application.id}/edit/summary`,
        'flash.legalConfirmed',
      )
    }
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
    if (intent === 'autosave') return json({ autosaved: { at: awardNow().toISOString(), version } })
    if (intent === 'draft')
      return redirectWithFlash(request, `/applicant/applications/${application.id}/edit/${step}`, 'flash.saved')
    return redirect(`/applicant/applications/${application.id}/edit/${next}`)
  } catch (error) {
    // The confirmation's refusal is shown in its own panel, beside the field it is about.
    return intent === 'confirm' ? inPanel(workflowFailure(error), 'legal') : workflowFailure(error)
  }
}

/** An autosave answers in place; reloading the step's data would reset the text being typed. */
