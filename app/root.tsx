import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
} from '@remix-run/react'
import { type ReactNode, useEffect } from 'react'
import { CsrfInput } from './components/csrf-input'
import { RehearsalBanner } from './components/rehearsal-banner'
import { useRootData, useT } from './hooks/use-i18n'
import { isMessageKey, translator, keyOf } from './i18n'
import { csrfCookie } from './utils/cookies.server'
import { consumeFlash } from './utils/flash.server'
import { getLang } from './utils/i18n.server'
import { csrfTokenFromCookie, formCsrfValue, newCsrfToken } from './utils/request.server'
import { currentRehearsal } from '#db/scope'
import { awardNow } from '#workflows/time'
import { actorOf, getSessionUser } from './utils/session.server'
import { isReadOnly } from '#workflows/account/duties'
import { useNonce } from './utils/nonce'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: '/styles.css' },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [{ title: '深圳市市长质量奖 · Shenzhen Mayor’s Quality Award' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [user, lang, existingCsrf, { flash, header }] = await Promise.all([
    getSessionUser(request),
    getLang(request),
    csrfTokenFromCookie(request),
    consumeFlash(request),
  ])
  const headers = new Headers()
  // The public page cache chooses a new visitor's token itself (and sets its cookie), to find it in the page.
  const chosen = typeof context.csrf === 'string' ? context.csrf : null
  const csrf = existingCsrf ?? chosen ?? newCsrfToken()
  if (!existingCsrf && !chosen) headers.append('Set-Cookie', await csrfCookie(request).serialize(csrf))
  if (header) headers.append('Set-Cookie', header)
  const rehearsal = currentRehearsal()
  return json(
    {
      lang,
      csrf: formCsrfValue(csrf),
      flash,
      // Inside a rehearsal (演练) every page says so, with the rehearsal's clock (decision record 0035).
      rehearsal: rehearsal ? { id: rehearsal.rehearsalId, clock: awardNow().toISOString() } : null,
      user: user
        ? {
            name: user.display_name,
            role: user.role,
            organisation: user.organisation_name,
            unread: user.unread,
            offices: user.offices,
            // An account that may only read (a supervisor): every page says so; whatever it posts is refused.
            readOnly: isReadOnly(actorOf(user)),
          }
        : null,
    },
    { headers },
  )
}

function Navigation() {
  const { user } = useRootData()
  const t = useT()
  const location = useLocation()
  const next = encodeURIComponent(location.pathname + location.search)
  const { lang } = useRootData()
  return (
    <header className="masthead">
      <div className="brand">
        <Link to="/">{t('app.title')}</Link>
        <span>{t('app.subtitle')}</span>
      </div>
      <nav aria-label="main">
        <Link to="/notice">{t('nav.notice')}</Link>
        <Link to="/results">{t('nav.results')}</Link>
        {user?.role === 'applicant' ? <Link to="/applicant">{t('nav.myApplications')}</Link> : null}
        {user?.role === 'reviewer' ? <Link to="/review">{t('nav.assignments')}</Link> : null}
        {user?.role === 'admin' ? (
          <>
            <Link to="/admin">{t('nav.admin')}</Link>
            <Link to="/admin/ranking">{t('nav.ranking')}</Link>
            <Link to="/admin/committee">{t('nav.committee')}</Link>
            <Link to="/admin/experts">{t('nav.reviewers')}</Link>
            <Link to="/admin/cycle">{t('nav.settings')}</Link>
            <Link to="/admin/staff">{t('nav.staff')}</Link>
          </>
        ) : null}
        <a href={`/lang?to=${lang === 'zh' ? 'en' : 'zh'}&next=${next}`} lang={lang === 'zh' ? 'en' : 'zh'}>
          {t('nav.language')}
        </a>
        {user ? (
          <Link to="/inbox" data-testid="inbox-link">
            {user.unread > 0 ? t('nav.inboxUnread', { count: user.unread }) : t('nav.inbox')}
          </Link>
        ) : null}
        {user ? (
          <Form method="post" action="/logout" className="inline">
            <CsrfInput />
            <Link to="/account" className="who">
              {user.organisation ?? user.name} ·{' '}
              {user.role === 'admin' && user.offices.length > 0
                ? user.offices.map((office) => t(`office.${office}`)).join('、')
                : t(`role.${user.role}`)}
            </Link>
            <button type="submit" className="link">
              {t('nav.logout')}
            </button>
          </Form>
        ) : (
          <>
            <Link to="/login">{t('nav.login')}</Link>
            <Link to="/register">{t('nav.register')}</Link>
          </>
        )}
      </nav>
    </header>
  )
}

export function Layout({ children }: { children: ReactNode }) {
  const { lang, rehearsal } = useRootData()
  const nonce = useNonce()
  return (
    <html lang={lang === 'en' ? 'en' : 'zh-CN'}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className={rehearsal ? 'in-rehearsal' : undefined}>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  const { flash, user, rehearsal } = useRootData()
  const t = useT()
  // Marks the page as live (its forms validate and save as designed); browser tests wait for it before typing.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true'
  }, [])
  return (
    <>
      <Navigation />
      {rehearsal ? <RehearsalBanner id={rehearsal.id} clock={rehearsal.clock} /> : null}
      <main>
        {user?.readOnly ? (
          <p className="notice" role="note" data-testid="read-only">
            {t('staff.readOnlyBanner')}
          </p>
        ) : null}
        {flash ? (
          // A refusal carried back to the page (a form posted without JavaScript) reads as one.
          flash.startsWith('errors.') ? (
            <p className="alert" role="alert">
              {t(flash)}
            </p>
          ) : (
            <p className="flash" role="status">
              {t(flash)}
            </p>
          )
        ) : null}
        <Outlet />
      </main>
    </>
  )
}

/** Never a stack trace: the status and a message in the user's language. */
export function ErrorBoundary() {
  const error = useRouteError()
  const { lang } = useRootData()
  const t = translator(lang)
  let status = 500
  let messageKey = 'errors.generic'
  if (isRouteErrorResponse(error)) {
    status = error.status
    const key = (error.data as { messageKey?: unknown } | null)?.messageKey
    if (typeof key === 'string' && isMessageKey(key)) messageKey = key
    else if (status === 404) messageKey = 'errors.notFound'
    else if (status === 403) messageKey = 'errors.forbidden'
  }
  return (
    <main className="error-page">
      <h1>
        {t('errors.pageTitle')} ({status})
      </h1>
      <p role="alert">{t(keyOf(messageKey, 'errors.required'))}</p>
      <p>
        <a href="/">{t('errors.backHome')}</a>
      </p>
    </main>
  )
}
