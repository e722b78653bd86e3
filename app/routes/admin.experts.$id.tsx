import { postedInteger } from '~/forms/form-data'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { listAudit } from '#db/repositories/audit'
import { getExpert } from '#db/repositories/experts'
import { getCurrentCycle } from '#db/repositories/cycles'
import { currentPerformance } from '~/utils/expert-performance.server'
import { rateExpert } from '#workflows/experts/rating.server'
import { keyOf } from '~/i18n'
import { ExpertPerformanceCard } from '~/components/expert-performance'
import { issuePasswordLink } from '#workflows/account/password-link.server'
import { updateExpert } from '#workflows/experts/pool.server'
import { nowIso } from '#db/repositories/types'
import { ConfirmButton } from '~/components/confirm-button'
import { CsrfInput } from '~/components/csrf-input'
import { ExpertFields } from '~/components/expert-fields'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { Timeline } from '~/components/timeline'
import { expertRecordOf, expertRecordSchema } from '~/forms/expert'
import { useT } from '~/hooks/use-i18n'
import { flushOutboxSoon } from '~/utils/email.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors, httpError, workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'
import { parseForm } from '~/utils/validation.server'

async function load(request: Request, idParam: string | undefined) {
  const { actor } = await requireUser(request, 'admin')
  const id = Number(idParam)
  const expert = Number.isSafeInteger(id) ? await getExpert(getDb(), id) : undefined
  if (!expert) throw httpError(404, 'errors.notFound')
  return { actor, expert }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { expert } = await load(request, params.id)
  const db = getDb()
  return json({
    expert,
    audit: await listAudit(db, 'expert', expert.id),
    performance: await currentPerformance(db, expert.user_id),
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, expert } = await load(request, params.id)
  const form = await readForm(request)
  const db = getDb()
  try {
    if (form.get('intent') === 'rate') {
      const cycle = await getCurrentCycle(db)
      if (!cycle) return httpError(409, 'errors.notAllowedNow')
      await rateExpert(db, {
        expertId: expert.id,
        cycleId: cycle.id,
        rating: Number(form.get('rating')),
        note: form.get('note') ?? '',
        actor,
      })
      return redirectWithFlash(request, `/admin/experts/${expert.id}`, 'flash.expertRated')
    }
    if (form.get('intent') === 'resendInvitation') {
      if (expert.passwordSet) return httpError(409, 'errors.notAllowedNow')
      await db
        .transaction()
        .execute((trx) =>
          issuePasswordLink(trx, { userId: expert.user_id, email: expert.email, purpose: 'invitation', now: nowIso() }),
        )
      flushOutboxSoon()
      return redirectWithFlash(request, `/admin/experts/${expert.id}`, 'flash.invitationResent')
    }
    const parsed = parseForm(expertRecordSchema, form)
    if (!parsed.ok) return fieldErrors(parsed.errors)
    const { replaced } = await updateExpert(db, {
      expertId: expert.id,
      expectedVersion: postedInteger(form, 'version'),
      record: expertRecordOf(parsed.data),
      relations: parsed.data.relations,
      actor,
    })
    flushOutboxSoon()
    return redirectWithFlash(
      request,
      `/admin/experts/${expert.id}`,
      replaced > 0 ? 'flash.expertSavedReplaced' : 'flash.expertSaved',
    )
  } catch (error) {
    return workflowFailure(error)
  }
}

/** One expert's record and ties; saving re-checks their open assignments for conflicts. */
export default function ExpertPage() {
  const { expert, audit, performance } = useLoaderData<typeof loader>()
  const answer = useActionData<{ fieldErrors?: Record<string, string> }>()
  const t = useT()
  return (
    <section>
      <p>
        <Link to="/admin/experts">{t('expert.pool')}</Link>
      </p>
      <h1>{expert.display_name}</h1>
      <p className="guide">{expert.email}</p>
      <FormError />
      {expert.passwordSet ? null : (
        <Form method="post" className="card actions">
          <CsrfInput />
          <p>{t('expert.invitationPendingHint')}</p>
          <ConfirmButton
            name="intent"
            value="resendInvitation"
            className="secondary"
            confirm={t('confirm.resendInvitation', { email: expert.email })}
          >
            {t('expert.resendInvitation')}
          </ConfirmButton>
        </Form>
      )}
      <Form method="post" className="card" key={expert.version}>
        <CsrfInput />
        <input type="hidden" name="version" value={expert.version} />
        <ExpertFields
          values={{
            kind: expert.kind,
            fields: expert.fields,
            industries: expert.industries,
            employerName: expert.employer_name,
            employerUscc: expert.employer_uscc,
            qualification: expert.qualification,
            active: expert.active === 1,
            relations: expert.relations,
          }}
          errors={answer?.fieldErrors ?? {}}
        />
        <div className="actions">
          <button type="submit">{t('expert.save')}</button>
        </div>
      </Form>
      {performance ? (
        <ExpertPerformanceCard record={performance.record} year={performance.year} rating={performance.rating}>
          <Form method="post" data-testid="rate-expert">
            <CsrfInput />
            <input type="hidden" name="intent" value="rate" />
            <Field id="rating" label={t('performance.rate')} error={answer?.fieldErrors?.rating}>
              <select id="rating" name="rating" defaultValue={performance.rating?.rating ?? ''} required>
                <option value="" disabled>
                  —
                </option>
                {[5, 4, 3, 2, 1].map((n) => (
                  <option key={n} value={n}>
                    {t(keyOf(`performance.ratingOption.${n}`))}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="note" label={t('performance.note')} error={answer?.fieldErrors?.note}>
              <textarea id="note" name="note" rows={3} defaultValue={performance.rating?.note ?? ''} required />
            </Field>
            <div className="actions">
              <button type="submit">{t('performance.saveRating')}</button>
            </div>
          </Form>
        </ExpertPerformanceCard>
      ) : null}
      <h2>{t('application.timeline')}</h2>
      <Timeline entries={audit} showActor />
    </section>
  )
}
