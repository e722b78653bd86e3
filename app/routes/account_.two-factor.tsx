import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import QRCode from 'qrcode'
import { getDb } from '#db/client.server'
import { countUnusedRecoveryCodes, findTwoFactor, listAccountEvents } from '#db/repositories/two-factor'
import { twoFactorRequired } from '#workflows/account/two-factor'
import {
  confirmEnrolment,
  remakeRecoveryCodes,
  startEnrolment,
  turnOffTwoFactor,
} from '#workflows/account/two-factor.server'
import { CsrfInput } from '~/components/csrf-input'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { useLang, useT } from '~/hooks/use-i18n'
import { keyOf } from '~/i18n'
import { env } from '~/utils/env.server'
import { formatDateTime } from '~/utils/format'
import { fieldErrors, httpError, workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'

/** 两步验证: set up an authenticator app, keep recovery codes, or turn it off where the deployment allows. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request)
  const db = getDb()
  const state = await findTwoFactor(db, user.id)
  if (!state) throw httpError(404, 'errors.notFound')
  const required = twoFactorRequired(user.role, env().TWO_FACTOR)
  const events = (await listAccountEvents(db, user.id)).map((e) => ({ at: e.at, event: e.event }))
  if (state.totp_secret) {
    return json({
      on: true as const,
      since: state.totp_enabled_at,
      recoveryCodesLeft: await countUnusedRecoveryCodes(db, user.id),
      required,
      events,
    })
  }
  const { secret, uri } = await startEnrolment(db, user.id)
  return json({
    on: false as const,
    required,
    // The QR code is drawn here from our own otpauth address: an SVG with no script in it.
    qr: await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
    // The key in groups of four, for typing into an app by hand.
    key: secret.match(/.{1,4}/g)!.join(' '),
    events,
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request)
  const form = await readForm(request)
  const code = (form.get('code') ?? '').slice(0, 40)
  if (code.trim() === '') return fieldErrors({ code: 'errors.required' })
  const db = getDb()
  try {
    switch (form.get('intent')) {
      case 'enable':
        return json({ recoveryCodes: (await confirmEnrolment(db, { userId: user.id, code })).recoveryCodes })
      case 'recoveryCodes':
        return json({ recoveryCodes: (await remakeRecoveryCodes(db, { userId: user.id, code })).recoveryCodes })
      case 'disable':
        await turnOffTwoFactor(db, { userId: user.id, code, policy: env().TWO_FACTOR })
        return json({ turnedOff: true })
      default:
        return httpError(400, 'errors.notAllowedNow')
    }
  } catch (error) {
    return workflowFailure(error)
  }
}

interface Answer {
  recoveryCodes?: string[]
  turnedOff?: boolean
  fieldErrors?: Record<string, string>
}

function CodeField({ label, hint }: { label: string; hint: string }) {
  const answer = useActionData<Answer>()
  return (
    <Field
      id="code"
      label={label}
      error={answer?.fieldErrors?.code ? keyOf(answer.fieldErrors.code) : undefined}
      hint={hint}
    >
      <input id="code" name="code" autoComplete="one-time-code" maxLength={40} />
    </Field>
  )
}

export default function TwoFactor() {
  const data = useLoaderData<typeof loader>()
  const answer = useActionData<Answer>()
  const t = useT()
  const lang = useLang()
  return (
    <section className="narrow">
      <h1>{t('twoFactor.heading')}</h1>
      <p className="guide">{t('twoFactor.intro')}</p>
      {data.required && !data.on ? <p className="notice">{t('twoFactor.requiredNotice')}</p> : null}
      <FormError />
      {answer?.recoveryCodes ? (
        <div className="card" data-testid="recovery-codes">
          <h2>{t('twoFactor.recoveryCodes')}</h2>
          <p className="notice">{t('twoFactor.recoveryCodesOnce')}</p>
          <ol className="codes">
            {answer.recoveryCodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ol>
          <p>
            <Link to="/">{t('twoFactor.done')}</Link>
          </p>
        </div>
      ) : null}
      {answer?.turnedOff ? <p className="flash">{t('twoFactor.turnedOff')}</p> : null}
      {data.on ? (
        <>
          <p data-testid="two-factor-state">
            {t('twoFactor.onSince', { at: data.since ? formatDateTime(data.since, lang) : '' })}{' '}
            {t('twoFactor.codesLeft', { count: data.recoveryCodesLeft })}
          </p>
          <Form method="post" className="card">
            <CsrfInput />
            <h2>{t('twoFactor.newCodes')}</h2>
            <CodeField label={t('twoFactor.code')} hint={t('twoFactor.codeHint')} />
            <button type="submit" name="intent" value="recoveryCodes" className="secondary">
              {t('twoFactor.makeCodes')}
            </button>
          </Form>
          {data.required ? (
            <p className="guide">{t('twoFactor.cannotTurnOff')}</p>
          ) : (
            <Form method="post" className="card">
              <CsrfInput />
              <h2>{t('twoFactor.turnOff')}</h2>
              <CodeField label={t('twoFactor.code')} hint={t('twoFactor.codeHint')} />
              <button type="submit" name="intent" value="disable" className="secondary">
                {t('twoFactor.turnOff')}
              </button>
            </Form>
          )}
        </>
      ) : (
        <Form method="post" className="card" data-testid="enrol">
          <CsrfInput />
          <ol>
            <li>{t('twoFactor.stepInstall')}</li>
            <li>
              {t('twoFactor.stepScan')}
              <div className="qr" dangerouslySetInnerHTML={{ __html: data.qr }} />
              <p className="guide">
                {t('twoFactor.orKey')} <code data-testid="totp-key">{data.key}</code>
              </p>
            </li>
            <li>{t('twoFactor.stepCode')}</li>
          </ol>
          <CodeField label={t('twoFactor.code')} hint={t('twoFactor.appCodeHint')} />
          <button type="submit" name="intent" value="enable">
            {t('twoFactor.turnOn')}
          </button>
        </Form>
      )}
      {data.events.length > 0 ? (
        <>
          <h2>{t('twoFactor.record')}</h2>
          <ul>
            {data.events.map((e, i) => (
              <li key={i}>
                {formatDateTime(e.at, lang)} · {t(`twoFactor.event.${e.event}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link to="/account">{t('twoFactor.backToAccount')}</Link>
      </p>
    </section>
  )
}
