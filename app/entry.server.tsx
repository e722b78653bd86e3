import type { AppLoadContext, EntryContext, HandleErrorFunction } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { renderToString } from 'react-dom/server'
import { dataVersion, getDb } from '#db/client.server'
import { prepareDatabase as prepare, startReport } from '#db/prepare'
import { csrfCookie, sessionCookieName } from './utils/cookies.server'
import { env } from './utils/env.server'
import { getLang } from './utils/i18n.server'
import { csrfTokenFromCookie, newCsrfToken } from './utils/request.server'
import { NonceProvider } from './utils/nonce'
import { randomToken } from './utils/random-token.server'
import { startScheduler } from './utils/scheduler.server'
import { sessionEndOf } from './utils/session.server'
import { inRehearsal } from '#db/scope'
import { rehearsalScopeOf } from './utils/rehearsal-scope.server'

// Scheduled jobs (review reminders) run in the server process that serves the pages.
startScheduler()

/**
 * Headers every page carries: no framing (clickjacking), no MIME sniffing, no full URLs leaked to other
 * sites, no plugins, forms only to ourselves, and on pages only scripts carrying this response's nonce (and
 * what they load): an injected <script> does not run. Inline style attributes stay allowed.
 */
export function securityHeaders(headers: Headers, nonce?: string): void {
  headers.set('X-Frame-Options', 'DENY')
  headers.set('X-Content-Type-Options', 'nosniff')
  headers.set('Referrer-Policy', 'same-origin')
  const common = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'"
  headers.set(
    'Content-Security-Policy',
    nonce
      ? `default-src 'self'; script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; ${common}`
      : common,
  )
  headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
}

export function handleDataRequest(response: Response): Response {
  securityHeaders(response.headers)
  return response
}

/**
 * Every page is rendered whole, to a string (decision record 0018): the app defers no data, so streaming sent
 * nothing earlier, and React 18's streaming encoder cost a third of the rendering time (a TextEncoder call and
 * a buffer view for each of thousands of pieces) and left zero bytes where Chinese text met its 2 KB buffers
 * (react issues 24985 and 31134), which a filter then had to remove. renderToString builds one string; the
 * browser and bots get the same complete page.
 */
export default function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  context: EntryContext,
  loadContext: AppLoadContext,
) {
  // The public page cache chooses the nonce itself, to find it in the page and give each copy served its own.
  const nonce = typeof loadContext.nonce === 'string' ? loadContext.nonce : newNonce()

  const html = renderToString(
    <NonceProvider value={nonce}>
      <RemixServer context={context} url={request.url} />
    </NonceProvider>,
  )
  headers.set('Content-Type', 'text/html; charset=utf-8')
  securityHeaders(headers, nonce)
  if (loadContext.keepForSession === true && status === 200) {
    const until = keptUntil(request, context)
    if (until !== undefined) headers.set(keptUntilHeader, String(until))
  }
  return new Response(`<!DOCTYPE html>${html}`, { headers, status })
}

/**
 * Told to the page cache (and removed by it): this page may be kept for the session that asked, until the moment
 * given (the session's end), because its route says it only reads (`handle.signedInPage`, app/utils/public-page.ts)
 * and a session answered it. Remix rendered the route it matched, so it is that route's mark, not the path's.
 */
// In lower case: the cache compares it with the names a Response's headers list, which are lower case.
const keptUntilHeader = 'x-kept-until'

function keptUntil(request: Request, context: EntryContext): number | undefined {
  const leaf = context.staticHandlerContext.matches.at(-1)
  const handle = leaf
    ? (context.routeModules[leaf.route.id]?.handle as { signedInPage?: boolean } | undefined)
    : undefined
  return handle?.signedInPage === true ? sessionEndOf(request) : undefined
}

function newNonce(): string {
  return randomToken(16, 'base64')
}

/**
 * What the page cache of the production server (app/page-cache.mjs) needs from the app: the database's version,
 * the header by which a render says a signed-in page may be kept, the session cookie's name, the reader's language,
 * and each response's own nonce and CSRF token (the visitor's from their cookie, or a new one with the cookie that
 * carries it), made exactly as the pages make them.
 */
export const pageCacheHooks = {
  dataVersion,
  keptUntilHeader,
  sessionCookieName,
  langOf: getLang,
  newNonce,
  async csrfOf(request: Request): Promise<{ token: string; setCookie: string | null }> {
    const existing = await csrfTokenFromCookie(request)
    if (existing) return { token: existing, setCookie: null }
    const token = newCsrfToken()
    return { token, setCookie: await csrfCookie(request).serialize(token) }
  },
}

/**
 * For the production server: the rehearsal (演练) a request works in, if any, and the way to run it there
 * (app/utils/rehearsal-scope.server.ts). Asked only of requests that carry the rehearsal cookie. Only the target's
 * path counts, so the URL is built on a fixed origin: a Host header no URL can hold must not make it throw.
 */
export async function rehearsalScopeFor(target: string, cookie: string) {
  let url: URL
  try {
    url = new URL(target, 'http://localhost')
  } catch {
    return undefined
  }
  return rehearsalScopeOf(new Request(url, { headers: { cookie } }))
}
export { inRehearsal }

/** Logged on the server; the browser only ever sees the generic error page. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return
  // A page that does not exist (a browser asking for /favicon.ico, say) is not a server error.
  if (isRouteErrorResponse(error) && error.status < 500) return
  console.error(error)
}

/**
 * Called by the production server before it listens: invalid configuration (one line naming each variable at
 * fault), or a database that cannot be opened, or whose pragmas cannot be set (WAL, full sync, foreign keys,
 * busy timeout), stops the start with a clear message, rather than every page answering 500. Then the database is
 * migrated, and loaded with the demo data the first time (db/prepare.ts), in the server's own process: a separate
 * step through tsx took two seconds of every start.
 */
export async function prepareDatabase(): Promise<{ report: string[] }> {
  env()
  const { seeded } = await prepare(getDb())
  return { report: startReport(seeded) }
}
