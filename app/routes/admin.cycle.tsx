import { postedInteger } from '~/forms/form-data'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { listAudit } from '#db/repositories/audit'
import { listAwardLevels, listCycleCategories, listRequiredEvidence } from '#db/repositories/cycles'
import { decisionsRecorded } from '#workflows/cycle/cycle.rules'
import { retractDecisions, updateCycleSettings } from '#workflows/cycle/cycle.server'
import { intakeState, type IntakeState } from '#workflows/cycle/intake'
import { closeIntake } from '#workflows/cycle/intake.server'
import { type Aggregation, aggregations } from '#workflows/review/scoring'
import { ConfirmButton } from '~/components/confirm-button'
import { CsrfInput } from '~/components/csrf-input'
import { CycleAuditReason } from '~/components/cycle-audit-reason'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { Timeline } from '~/components/timeline'
import { reasonSchema } from '#workflows/application/application.schema'
import { cycleSettingsSchema, deadlineFromForm, isoToBeijingLocal, quotaFieldPrefix, quotaValue } from '~/forms/cycle'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import { formatDateTime } from '~/utils/format'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors, workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { evidenceValue, readRequiredEvidence, RequiredEvidenceSettings } from '~/components/required-evidence-settings'
import { requireUser } from '~/utils/session.server'
import { cycleStatusCounts } from '~/utils/cycle-counts.server'
import { parseForm } from '~/utils/validation.server'
import { requireCurrentCycle } from '~/utils/current-cycle.server'
import { awardNow } from '#workflows/time'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const db = getDb()
  const cycle = await requireCurrentCycle()
  const [categories, levels, audit, counts, requiredEvidence] = await Promise.all([
    listCycleCategories(db, cycle.id),
    listAwardLevels(db, cycle.id),
    listAudit(db, 'cycle', cycle.id),
    cycleStatusCounts(db, cycle.id),
    listRequiredEvidence(db, cycle.id),
  ])
  return json({
    cycle: {
      id: cycle.id,
      version: cycle.version,
      name_zh: cycle.name_zh,
      name_en: cycle.name_en,
      deadline: isoToBeijingLocal(cycle.submission_deadline),
      minReviewers: cycle.min_reviewers,
      aggregation: cycle.aggregation,
      noticeDays: cycle.notice_working_days,
      normaliseReviewers: cycle.normalise_reviewers === 1,
      consensusThreshold: cycle.consensus_threshold / 100,
      reviewersPerApplication: cycle.reviewers_per_application,
      expertLoadCap: cycle.expert_load_cap,
      reviewDueDate: cycle.review_due_date ?? '',
      socialDueDate: cycle.social_due_date ?? '',
      reminderDaysBefore: cycle.reminder_days_before,
      shortlistSize: cycle.shortlist_size === null ? '' : String(cycle.shortlist_size),
      weightDocument: cycle.weight_document,
      weightDefence: cycle.weight_defence,
      weightSiteVisit: cycle.weight_site_visit,
      defenceMinutes: cycle.defence_minutes,
      defencePanelSize: cycle.defence_panel_size,
      siteVisitTeamSize: cycle.site_visit_team_size,
      specialAward: cycle.special_award_enabled === 1,
      drawOnlyActivated: cycle.draw_only_activated === 1,
      drawMinRating: cycle.draw_min_rating === null ? '' : String(cycle.draw_min_rating),
      committeeVote: cycle.committee_vote === 1,
      committeeQuorum: cycle.committee_quorum,
      committeeMajority: cycle.committee_majority,
      published: cycle.results_published_at !== null,
      intake: intakeState(cycle, awardNow().toISOString()),
      deadlineAt: cycle.submission_deadline,
      intakeClosedAt: cycle.intake_closed_at,
      decided: decisionsRecorded(counts),
      retractable: (counts.decided ?? 0) > 0 && (counts.publicNotice ?? 0) === 0,
    },
    categories: categories.map((category) => ({
      code: category.code,
      name_zh: category.name_zh,
      name_en: category.name_en,
      levels: levels
        .filter((l) => l.category_code === category.code)
        .map((l) => ({
          id: l.id,
          name_zh: l.name_zh,
          name_en: l.name_en,
          quota: l.quota,
          outsideQuota: l.outside_quota === 1,
        })),
    })),
    requiredEvidence: requiredEvidence.map(evidenceValue),
    audit,
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  const form = await readForm(request)
  const cycle = await requireCurrentCycle()
  if (form.get('intent') === 'closeIntake') {
    try {
      await closeIntake(getDb(), { cycleId: cycle.id, actor })
      return redirectWithFlash(request, '/admin/cycle', 'flash.intakeClosed')
    } catch (error) {
      return workflowFailure(error)
    }
  }
  if (form.get('intent') === 'retractDecisions') {
    const reason = parseForm(reasonSchema, form)
    if (!reason.ok) return fieldErrors(reason.errors)
    try {
      await retractDecisions(getDb(), { cycleId: cycle.id, actor, reason: reason.data.reason })
      return redirectWithFlash(request, '/admin/cycle', 'flash.decisionsRetracted')
    } catch (error) {
      return workflowFailure(error)
    }
  }
  const parsed = parseForm(cycleSettingsSchema, form)
  if (!parsed.ok) return fieldErrors(parsed.errors)
  const quotas = new Map<number, number>()
  for (const [name, value] of form) {
    if (!name.startsWith(quotaFieldPrefix)) continue
    const levelId = Number(name.slice(quotaFieldPrefix.length))
    const quota = quotaValue.safeParse(value)
    if (!Number.isSafeInteger(levelId)) return fieldErrors({ [name]: 'errors.unknownLevel' }, 'errors.unknownLevel')
    if (!quota.success) return fieldErrors({ [name]: 'errors.wholeNumber' }, 'errors.wholeNumber')
    quotas.set(levelId, quota.data)
  }
  const d = parsed.data
  // The weights are one setting of three fields; a form without all three (an older page) leaves them as they are.
  const weights =
    d.weightDocument !== undefined && d.weightDefence !== undefined && d.weightSiteVisit !== undefined
      ? { document: d.weightDocument, defence: d.weightDefence, siteVisit: d.weightSiteVisit }
      : undefined
  const requiredEvidence =
    form.get('requiredEvidenceListed') === '1' ? readRequiredEvidence(form.getAll('evidence')) : undefined
  if (requiredEvidence === null) return fieldErrors({ evidence: 'errors.choose' }, 'errors.choose')
  try {
    await updateCycleSettings(getDb(), {
      cycleId: cycle.id,
      actor,
      expectedVersion: postedInteger(form, 'version'),
      settings: {
        deadline: deadlineFromForm(parsed.data.deadline, cycle.submission_deadline),
        minReviewers: parsed.data.minReviewers,
        aggregation: parsed.data.aggregation as Aggregation,
        noticeWorkingDays: parsed.data.noticeDays,
        normaliseReviewers: parsed.data.normaliseReviewers,
        consensusThreshold: parsed.data.consensusThreshold,
        quotas,
        requiredEvidence,
        reviewersPerApplication: parsed.data.reviewersPerApplication,
        expertLoadCap: parsed.data.expertLoadCap,
        reminderDaysBefore: parsed.data.reminderDaysBefore,
        shortlistSize: parsed.data.shortlistSize,
        weights,
        defenceMinutes: d.defenceMinutes,
        defencePanelSize: d.defencePanelSize,
        siteVisitTeamSize: d.siteVisitTeamSize,
        // The checkbox is absent when unticked: the marker says the form carried it.
        specialAward: form.get('specialAwardListed') === '1' ? form.get('specialAward') === 'on' : undefined,
        drawOnlyActivated:
          form.get('drawOnlyActivatedListed') === '1' ? form.get('drawOnlyActivated') === 'on' : undefined,
        drawMinRating: d.drawMinRating,
        committeeVote: form.get('committeeVoteListed') === '1' ? form.get('committeeVote') === 'on' : undefined,
        committeeQuorum: d.committeeQuorum,
        committeeMajority: d.committeeMajority,
        reviewDueDate: parsed.data.reviewDueDate === undefined ? undefined : parsed.data.reviewDueDate || null,
        socialDueDate: parsed.data.socialDueDate === undefined ? undefined : parsed.data.socialDueDate || null,
      },
    })
    return redirectWithFlash(request, '/admin/cycle', 'flash.settingsSaved')
  } catch (error) {
    return workflowFailure(error)
  }
}

export default function CycleSettings() {
  const { cycle, categories, audit, requiredEvidence } = useLoaderData<typeof loader>()
  const t = useT()
  const answer = useActionData<{ fieldErrors?: Record<string, string>; vars?: Record<string, string | number> }>()
  const fieldError = (name: string) =>
    answer?.fieldErrors?.[name] ? { key: answer.fieldErrors[name]!, vars: answer.vars } : undefined
  const lang = useLang()
  return (
    <section>
      <h1>
        {t('admin.settings')} · {localName(cycle, lang)}
      </h1>
      <FormError />
      {cycle.published ? <p className="alert">{t('admin.settingsLocked')}</p> : null}
      {!cycle.published && cycle.decided > 0 ? (
        <p className="alert">{t('admin.lockedByDecisions', { count: cycle.decided })}</p>
      ) : null}
      <IntakeCard cycle={cycle} />
      <p>
        <Link to="/admin/calendar">{t('calendar.heading')}</Link> ·{' '}
        <Link to="/admin/cycles">{t('cycles.heading')}</Link> ·{' '}
        <Link to="/admin/rehearsals">{t('rehearsal.link')}</Link>
      </p>
      <Form method="post" className="card">
        <CsrfInput />
        <input type="hidden" name="version" value={cycle.version} />
        <fieldset disabled={cycle.published}>
          <div className="row">
            <Field id="deadline" label={t('admin.deadline')}>
              <input id="deadline" name="deadline" type="datetime-local" defaultValue={cycle.deadline} required />
            </Field>
            <Field id="minReviewers" label={t('admin.minReviewersLabel')}>
              <input
                id="minReviewers"
                name="minReviewers"
                inputMode="numeric"
                defaultValue={cycle.minReviewers}
                required
              />
            </Field>
            <Field id="aggregation" label={t('admin.aggregation')}>
              <select id="aggregation" name="aggregation" defaultValue={cycle.aggregation}>
                {aggregations.map((method) => (
                  <option key={method} value={method}>
                    {t(`aggregation.${method}`)}
                  </option>
                ))}
              </select>
            </Field>
            <label className="inline">
              <input type="checkbox" name="normaliseReviewers" defaultChecked={cycle.normaliseReviewers} />{' '}
              {t('admin.normaliseReviewers')}
            </label>
            <Field id="consensusThreshold" label={t('admin.consensusThreshold')}>
              <input
                id="consensusThreshold"
                name="consensusThreshold"
                inputMode="numeric"
                defaultValue={cycle.consensusThreshold}
                required
              />
            </Field>
            <Field id="noticeDays" label={t('admin.noticeDays')}>
              <input id="noticeDays" name="noticeDays" inputMode="numeric" defaultValue={cycle.noticeDays} required />
            </Field>
          </div>
          <div className="row" data-testid="draw-settings">
            <Field
              id="reviewersPerApplication"
              label={t('admin.reviewersPerApplication')}
              error={fieldError('reviewersPerApplication')}
            >
              <input
                id="reviewersPerApplication"
                name="reviewersPerApplication"
                inputMode="numeric"
                defaultValue={cycle.reviewersPerApplication}
                required
              />
            </Field>
            <Field id="expertLoadCap" label={t('admin.expertLoadCap')} error={fieldError('expertLoadCap')}>
              <input
                id="expertLoadCap"
                name="expertLoadCap"
                inputMode="numeric"
                defaultValue={cycle.expertLoadCap}
                required
              />
            </Field>
            <Field id="reviewDueDate" label={t('admin.reviewDueDate')} error={fieldError('reviewDueDate')}>
              <input id="reviewDueDate" name="reviewDueDate" type="date" defaultValue={cycle.reviewDueDate} />
            </Field>
            <Field
              id="socialDueDate"
              label={t('admin.socialDueDate')}
              error={fieldError('socialDueDate')}
              hint={t('admin.socialDueDateHint')}
            >
              <input id="socialDueDate" name="socialDueDate" type="date" defaultValue={cycle.socialDueDate} />
            </Field>
            <Field
              id="shortlistSize"
              label={t('admin.shortlistSize')}
              error={fieldError('shortlistSize')}
              hint={t('admin.shortlistHint')}
            >
              <input id="shortlistSize" name="shortlistSize" inputMode="numeric" defaultValue={cycle.shortlistSize} />
            </Field>
            <Field
              id="reminderDaysBefore"
              label={t('admin.reminderDaysBefore')}
              error={fieldError('reminderDaysBefore')}
            >
              <input
                id="reminderDaysBefore"
                name="reminderDaysBefore"
                inputMode="numeric"
                defaultValue={cycle.reminderDaysBefore}
                required
              />
            </Field>
          </div>
          <input type="hidden" name="drawOnlyActivatedListed" value="1" />
          <label className="inline">
            <input type="checkbox" name="drawOnlyActivated" defaultChecked={cycle.drawOnlyActivated} />{' '}
            {t('admin.drawOnlyActivated')}
          </label>
          <Field
            id="drawMinRating"
            label={t('admin.drawMinRating')}
            hint={t('admin.drawMinRatingHint')}
            error={fieldError('drawMinRating')}
          >
            <select id="drawMinRating" name="drawMinRating" defaultValue={cycle.drawMinRating}>
              <option value="">{t('admin.anyRating')}</option>
              {[2, 3, 4, 5].map((rating) => (
                <option key={rating} value={rating}>
                  {t('admin.ratingAtLeast', { rating })}
                </option>
              ))}
            </select>
          </Field>
          <fieldset data-testid="committee-settings">
            <legend>{t('admin.committeeHeading')}</legend>
            <input type="hidden" name="committeeVoteListed" value="1" />
            <label className="inline">
              <input type="checkbox" name="committeeVote" defaultChecked={cycle.committeeVote} />{' '}
              {t('admin.committeeVote')}
            </label>
            <p className="guide">{t('admin.committeeVoteHint')}</p>
            <div className="row">
              <Field id="committeeQuorum" label={t('admin.committeeQuorum')} error={fieldError('committeeQuorum')}>
                <select id="committeeQuorum" name="committeeQuorum" defaultValue={cycle.committeeQuorum}>
                  <option value="twoThirds">{t('fraction.twoThirds')}</option>
                  <option value="half">{t('fraction.half')}</option>
                </select>
              </Field>
              <Field
                id="committeeMajority"
                label={t('admin.committeeMajority')}
                error={fieldError('committeeMajority')}
              >
                <select id="committeeMajority" name="committeeMajority" defaultValue={cycle.committeeMajority}>
                  <option value="twoThirds">{t('fraction.twoThirds')}</option>
                  <option value="half">{t('fraction.half')}</option>
                </select>
              </Field>
            </div>
          </fieldset>
          <fieldset className="row" data-testid="stage-settings">
            <legend>{t('admin.weights')}</legend>
            <Field
              id="weightDocument"
              label={t('admin.weightDocument')}
              error={fieldError('weightDocument')}
              hint={t('admin.weightsHint')}
            >
              <input
                id="weightDocument"
                name="weightDocument"
                inputMode="numeric"
                defaultValue={cycle.weightDocument}
                required
              />
            </Field>
            <Field id="weightDefence" label={t('admin.weightDefence')} error={fieldError('weightDefence')}>
              <input
                id="weightDefence"
                name="weightDefence"
                inputMode="numeric"
                defaultValue={cycle.weightDefence}
                required
              />
            </Field>
            <Field id="weightSiteVisit" label={t('admin.weightSiteVisit')} error={fieldError('weightSiteVisit')}>
              <input
                id="weightSiteVisit"
                name="weightSiteVisit"
                inputMode="numeric"
                defaultValue={cycle.weightSiteVisit}
                required
              />
            </Field>
            <Field id="defenceMinutes" label={t('admin.defenceMinutes')} error={fieldError('defenceMinutes')}>
              <input
                id="defenceMinutes"
                name="defenceMinutes"
                inputMode="numeric"
                defaultValue={cycle.defenceMinutes}
                required
              />
            </Field>
            <Field id="defencePanelSize" label={t('admin.defencePanelSize')} error={fieldError('defencePanelSize')}>
              <input
                id="defencePanelSize"
                name="defencePanelSize"
                inputMode="numeric"
                defaultValue={cycle.defencePanelSize}
                required
              />
            </Field>
            <Field id="siteVisitTeamSize" label={t('admin.siteVisitTeamSize')} error={fieldError('siteVisitTeamSize')}>
              <input
                id="siteVisitTeamSize"
                name="siteVisitTeamSize"
                inputMode="numeric"
                defaultValue={cycle.siteVisitTeamSize}
                required
              />
            </Field>
          </fieldset>
          <p className="guide" data-testid="formula">
            {t('admin.aggregationHelp')} {t('ranking.normalised')}
          </p>
          <table>
            <thead>
              <tr>
                <th>{t('applicant.category')}</th>
                <th>{t('admin.level')}</th>
              </tr>
            </thead>
            <tbody>
              {categories.map((category) => (
                <tr key={category.code}>
                  <td>{localName(category, lang)}</td>
                  <td className="row">
                    {category.levels.map((level) =>
                      level.outsideQuota ? (
                        <span key={level.id}>
                          {localName(level, lang)} · {t('admin.outsideQuota')}
                        </span>
                      ) : (
                        <label key={level.id}>
                          {localName(level, lang)} · {t('admin.quotaLabel')}
                          <input
                            name={`${quotaFieldPrefix}${level.id}`}
                            inputMode="numeric"
                            defaultValue={level.quota}
                            size={3}
                          />
                        </label>
                      ),
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <input type="hidden" name="specialAwardListed" value="1" />
          <label className="inline">
            <input type="checkbox" name="specialAward" defaultChecked={cycle.specialAward} /> {t('admin.specialAward')}
          </label>
          <RequiredEvidenceSettings selected={requiredEvidence} />
          <div className="actions">
            <button type="submit">{t('admin.saveSettings')}</button>
          </div>
        </fieldset>
      </Form>
      {cycle.retractable ? (
        <Form method="post" className="card" id="retract">
          <CsrfInput />
          <input type="hidden" name="intent" value="retractDecisions" />
          <h2>{t('admin.retractHeading')}</h2>
          <p>{t('admin.retractHint')}</p>
          <Field id="reason" label={t('admin.retractReason')}>
            <textarea id="reason" name="reason" rows={2} required />
          </Field>
          <div className="actions">
            <ConfirmButton className="secondary" confirm={t('confirm.retractDecisions')}>
              {t('admin.retract')}
            </ConfirmButton>
          </div>
        </Form>
      ) : null}
      <h2>{t('application.timeline')}</h2>
      <Timeline entries={audit} showActor renderReason={(reason) => <CycleAuditReason reason={reason} />} />
    </section>
  )
}

/** 申报受理: whether applications can still come in, and the secretariat's way to end intake before the deadline. */
function IntakeCard({
  cycle,
}: {
  cycle: { intake: IntakeState; deadlineAt: string; intakeClosedAt: string | null; published: boolean }
}) {
  const t = useT()
  const lang = useLang()
  return (
    <Form method="post" className="card" data-testid="intake">
      <CsrfInput />
      <input type="hidden" name="intent" value="closeIntake" />
      <h2>{t('intake.heading')}</h2>
      <p>
        {cycle.intake === 'open'
          ? t('intake.open', { deadline: formatDateTime(cycle.deadlineAt, lang) })
          : cycle.intake === 'deadlinePassed'
            ? t('intake.deadlinePassed', { deadline: formatDateTime(cycle.deadlineAt, lang) })
            : t('intake.closed', { at: formatDateTime(cycle.intakeClosedAt ?? cycle.deadlineAt, lang) })}
      </p>
      {cycle.intake === 'open' ? (
        <div className="actions">
          <ConfirmButton confirm={t('confirm.closeIntake')}>{t('intake.close')}</ConfirmButton>
        </div>
      ) : null}
    </Form>
  )
}
