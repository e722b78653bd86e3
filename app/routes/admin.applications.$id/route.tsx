/**
 * The secretariat's page of one application (issue 21: a page module). This file is the view only: the data comes
 * from ./loader.server.ts, the forms are handled in ./intents.server.ts, and the panels in ./panels/ read the
 * loader's type from the loader's module, never from this route.
 */
import type { loader } from './loader.server'
import { useActionData, useLoaderData } from '@remix-run/react'
import { EligibilityPanel } from './panels/eligibility-panel'
import { AssignmentsPanel } from './panels/assignments-panel'
import { SheetsPanel } from './panels/sheets-panel'
import { StagesPanel } from './panels/stages-panel'
import { ConsensusPanel } from './panels/consensus-panel'
import { DecisionPanel } from './panels/decision-panel'
import { ObjectionsPanel } from './panels/objections-panel'
import { SocialPanel } from './panels/social-panel'
import { FormError } from '~/components/form-error'
import { usePanelFocus } from '~/components/panel-error'
import { StatusBadge } from '~/components/status-badge'
import { Timeline } from '~/components/timeline'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName, keyOf } from '~/i18n'
import { MessageThread } from '~/components/message-thread'
import { signedInPage } from '~/utils/public-page'

/** Kept for a session while the database is unchanged (app/page-cache.mjs): the loader only reads. */
export const handle = signedInPage

export { loader } from './loader.server'
export { action } from './intents.server'

export default function AdminApplication() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const { application: app } = data
  const answer = useActionData<{ panel?: string; fieldErrors?: Record<string, string> }>()
  usePanelFocus()
  const category = data.categories.find((c) => c.code === app.categoryCode)
  return (
    <section>
      <h1>
        <span data-testid="application-number">{app.number}</span> {app.organisationName}
      </h1>
      <FormError />
      <p>
        <StatusBadge status={app.status} /> {category ? ` · ${localName(category, lang)}` : ''}
        {app.awardType ? ` · ${t(keyOf(`awardType.${app.awardType}`))}` : ''}
        {' · '}
        <a href={`/admin/applications/${app.id}/application.pdf`} download>
          {t('pdf.downloadApplication')}
        </a>
      </p>
      <div className="card">
        <dl className="summary">
          <dt>{t('auth.uscc')}</dt>
          <dd>{app.uscc}</dd>
          <dt>{t('auth.contactPerson')}</dt>
          <dd>
            {app.contactPerson} · {app.phone} · {app.email}
          </dd>
          <dt>{t('profile.registrationDate')}</dt>
          <dd>
            {(data.values.profile as { registrationDate?: string }).registrationDate}
            {data.yearsRegistered !== null ? ` · ${t('profile.yearsRegistered', { years: data.yearsRegistered })}` : ''}
            {data.yearsRegistered !== null && data.yearsRegistered < 3 ? (
              <strong className="error"> {t('profile.lessThanThree')}</strong>
            ) : null}
          </dd>
        </dl>
      </div>

      <EligibilityPanel data={data} />
      <AssignmentsPanel data={data} />
      <SheetsPanel data={data} />
      <ConsensusPanel data={data} />
      <StagesPanel data={data} />
      <SocialPanel data={data} />
      <DecisionPanel data={data} />
      <ObjectionsPanel data={data} />
      <MessageThread
        messages={data.thread}
        heading={t('thread.headingSecretariat')}
        hint={t('thread.hintSecretariat')}
        error={answer?.panel === 'thread' ? answer.fieldErrors?.body : undefined}
      />

      <h2>{t('application.timeline')}</h2>
      <Timeline entries={data.audit} showActor />
    </section>
  )
}
