import { postedInteger } from '~/forms/form-data'
import { sheetClosedKey, sheetOpening } from '#workflows/stages/stage-slots'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type SerializeFrom } from '@remix-run/node'
import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { useForm } from 'react-hook-form'
import { getSiteVisit, listPanel, listSiteVisitFindings, listSiteVisitItems } from '#db/repositories/stages'
import { documentReference, saveSiteVisitSheet, siteNoteLimit } from '#workflows/stages/site-visit.server'
import { formatPoints } from '#workflows/review/scoring'
import { ConfirmButton } from '~/components/confirm-button'
import { CsrfInput } from '~/components/csrf-input'
import { FormError } from '~/components/form-error'
import { InlineError, PanelError, usePanelFocus } from '~/components/panel-error'
import { PanelDeclaration } from '~/components/panel-declaration'
import { PercentageOptions } from '~/components/percentage-options'
import { SiteVisitDate } from '~/components/stage-slot'
import { StatusBadge } from '~/components/status-badge'
import { percentageField } from '~/forms/score-sheet'
import { itemField, noteField, readFindings, writeFindings } from '~/forms/stages'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors, inPanel, workflowFailure } from '~/utils/http.server'
import { panelDeclarationAction, requirePanelSeat } from '~/utils/panel-access.server'
import { readForm } from '~/utils/request.server'
import { awardNow } from '#workflows/time'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, seat, application, tree } = await requirePanelSeat(request, params.id, 'siteVisit')
  // Before the member declares, only who applies, the day and the address: nothing of the file.
  if (seat.declared_at === null) {
    const visit = await getSiteVisit(db, application.id)
    return json({
      declarationNeeded: true as const,
      application: { id: application.id, organisationName: application.organisation_name },
      visit: visit ? { date: visit.visit_date, address: visit.address } : null,
    })
  }
  const [visit, team, items, findings, reference] = await Promise.all([
    getSiteVisit(db, application.id),
    listPanel(db, 'siteVisit', application.id),
    listSiteVisitItems(db, application.id),
    listSiteVisitFindings(db, application.id),
    documentReference(db, application.id),
  ])
  return json({
    declarationNeeded: false as const,
    application: { id: application.id, organisationName: application.organisation_name, status: application.status },
    visit: visit
      ? { date: visit.visit_date, address: visit.address, version: visit.version, recorded: visit.recorded_at !== null }
      : null,
    // The sheet opens once the applicant confirmed and the visit's day has come (the service refuses a save before).
    opening: visit
      ? sheetOpening({ start: visit.visit_date, confirmedAt: visit.confirmed_at }, awardNow().toISOString())
      : 'awaitingConfirmation',
    team: team.map((m) => ({ name: m.display_name, leader: m.is_leader === 1 })),
    leader: seat.is_leader === 1,
    categories: tree.categories.map((c) => ({
      id: c.id,
      code: c.code,
      name_zh: c.name_zh,
      name_en: c.name_en,
      items: c.items.map((i) => ({
        id: i.id,
        code: i.code,
        name_zh: i.name_zh,
        name_en: i.name_en,
        points: i.points,
        reference: reference.get(i.id) ?? null,
      })),
    })),
    saved: Object.fromEntries(items.map((i) => [i.item_id, { percentage: i.percentage, note: i.note }])),
    findings,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, actor, application, tree } = await requirePanelSeat(request, params.id, 'siteVisit')
  const form = await readForm(request)
  const declared = await panelDeclarationAction(request, form, {
    stage: 'siteVisit',
    applicationId: application.id,
    actor,
  })
  if (declared) return declared
  const items = new Map<number, { percentage: number; note: string }>()
  for (const item of tree.categories.flatMap((c) => c.items)) {
    const parsed = percentageField.safeParse(form.get(itemField(item.id)) ?? '')
    if (!parsed.success)
      return inPanel(fieldErrors({ [itemField(item.id)]: 'errors.percentage' }, 'errors.percentage'), 'sheet')
    const note = (form.get(noteField(item.id)) ?? '').trim()
    if (note.length > siteNoteLimit)
      return inPanel(fieldErrors({ [noteField(item.id)]: 'errors.tooLong' }, 'errors.tooLong'), 'sheet')
    if (parsed.data !== '') items.set(item.id, { percentage: parsed.data, note })
  }
  const submit = form.get('intent') === 'submit'
  try {
    await saveSiteVisitSheet(db, {
      applicationId: application.id,
      actor,
      items,
      findings: readFindings(form.get('findings') ?? ''),
      submit,
      expectedVersion: postedInteger(form, 'version'),
    })
    return redirectWithFlash(
      request,
      `/review/site-visit/${application.id}`,
      submit ? 'flash.siteVisitRecorded' : 'flash.saved',
    )
  } catch (error) {
    return inPanel(workflowFailure(error), 'sheet')
  }
}

/** The member's declaration first; then the sheet. */
export default function SiteVisitPage() {
  const data = useLoaderData<typeof loader>()
  if (data.declarationNeeded)
    return (
      <PanelDeclaration
        stage="siteVisit"
        organisationName={data.application.organisationName}
        when={data.visit ? <SiteVisitDate visit={data.visit} /> : '—'}
      />
    )
  return <SiteVisitSheet data={data} />
}

/**
 * The team's site-visit sheet (现场核查表): per item, document review's percentage beside the one confirmed or
 * adjusted on site, with the evidence seen; the findings below. The leader writes it; the team reads it.
 */
function SiteVisitSheet({ data }: { data: Extract<SerializeFrom<typeof loader>, { declarationNeeded: false }> }) {
  const t = useT()
  const lang = useLang()
  const navigation = useNavigation()
  usePanelFocus()
  const readOnly =
    !data.leader ||
    data.visit?.recorded === true ||
    data.application.status !== 'siteVisitScheduled' ||
    data.opening !== 'open'
  const defaults: Record<string, string> = { findings: writeFindings(data.findings, lang) }
  for (const item of data.categories.flatMap((c) => c.items)) {
    const saved = data.saved[item.id]
    defaults[itemField(item.id)] = saved
      ? String(saved.percentage)
      : item.reference === null
        ? ''
        : String(item.reference)
    defaults[noteField(item.id)] = saved?.note ?? ''
  }
  const form = useForm<Record<string, string>>({ defaultValues: defaults })
  const values = form.watch()
  const total = data.categories
    .flatMap((c) => c.items)
    .reduce((sum, item) => sum + (values[itemField(item.id)] ? Number(values[itemField(item.id)]) * item.points : 0), 0)
  return (
    <section className="sheet">
      <h1>
        {t('review.siteVisitSheet')} · {data.application.organisationName}
      </h1>
      <FormError />
      <p>
        <StatusBadge status={data.application.status} />
        {data.visit ? (
          <>
            {' · '}
            <SiteVisitDate visit={data.visit} />
          </>
        ) : null}
      </p>
      <p>
        {t('stages.teamList', {
          names: data.team.map((m) => (m.leader ? `${m.name}（${t('stages.leader')}）` : m.name)).join('、'),
        })}
      </p>
      {data.visit?.recorded ? <p className="flash">{t('stages.recorded')}</p> : null}
      {data.application.status === 'siteVisitScheduled' && data.opening !== 'open' ? (
        <p className="alert" data-testid="sheet-closed">
          {t(sheetClosedKey(data.opening), { at: data.visit?.date ?? '' })}
        </p>
      ) : null}
      <p className="guide">{data.leader ? t('review.siteVisitGuide') : t('review.readOnlyTeam')}</p>
      <Form method="post" id="sheet">
        <CsrfInput />
        <PanelError panel="sheet" />
        <input type="hidden" name="version" value={data.visit?.version ?? ''} />
        <fieldset disabled={readOnly}>
          {data.categories.map((category) => (
            <fieldset key={category.id}>
              <legend>
                {category.code} {localName(category, lang)}
              </legend>
              <div className="scroll">
                <table className="items">
                  <thead>
                    <tr>
                      <th>{t('review.item')}</th>
                      <th className="num">{t('review.documentReference')}</th>
                      <th>{t('review.onSite')}</th>
                      <th>{t('review.evidenceSeen')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {category.items.map((item) => (
                      <tr key={item.id}>
                        <td>
                          <label htmlFor={itemField(item.id)}>
                            {item.code} {localName(item, lang)} ({item.points})
                          </label>
                        </td>
                        <td className="num">{item.reference === null ? '—' : `${item.reference}%`}</td>
                        <td>
                          <select id={itemField(item.id)} {...form.register(itemField(item.id))}>
                            <option value="">{t('review.notScored')}</option>
                            <PercentageOptions />
                          </select>
                          <InlineError panel="sheet" name={itemField(item.id)} />
                        </td>
                        <td>
                          <textarea
                            id={noteField(item.id)}
                            aria-label={`${item.code} ${t('review.evidenceSeen')}`}
                            rows={1}
                            {...form.register(noteField(item.id))}
                          />
                          <InlineError panel="sheet" name={noteField(item.id)} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </fieldset>
          ))}
          <p className="total">
            {t('review.total')}: <strong data-testid="sheet-total">{formatPoints(total)}</strong>
          </p>
          <label>
            {t('stages.findings')}
            <textarea id="findings" rows={4} aria-describedby="findings-hint" {...form.register('findings')} />
            <small id="findings-hint">{t('review.addFinding')}</small>
            <InlineError panel="sheet" name="findings" />
          </label>
          {data.leader ? (
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
                confirm={t('confirm.recordSiteVisit')}
                disabled={navigation.state === 'submitting'}
              >
                {t('review.submit')}
              </ConfirmButton>
            </div>
          ) : null}
        </fieldset>
      </Form>
    </section>
  )
}
