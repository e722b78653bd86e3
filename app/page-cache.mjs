/**
 * Pages served from a copy rendered once, while the database has not changed (decision records 0029 and 0036).
 *
 * Two kinds. The public pages (the home page, the results, the notice, the draw ledger) to visitors who are not
 * signed in: on publication day the whole city reads the same few pages, and rendering each copy anew was most of
 * their cost (issue 19). And the signed-in pages that only read (the desk, the ranking, an application's pages, the
 * reviewer's dashboard and application page: `handle.signedInPage`), kept for the one session that asked, never
 * shown to another: the secretariat's pages cost 3–5 ms each to render, five times the bare Remix app.
 *
 * What stays per response: the CSP nonce and the CSRF token are chosen here for every response; a page is kept as a
 * template with both cut out and filled in afresh for each response (the visitor's own CSRF token from their cookie,
 * or a new one with its cookie). What decides freshness: the database's version (any commit, of this process or
 * another), the reader's language, the host and the whole URL, for a signed-in page the session's cookie and the
 * session's end, and a time to live (PAGE_CACHE_TTL_MS, default 1 s) for what depends on the clock (an intake
 * closing, a notice ending).
 * What is never served from here: any method but GET; a public page to a visitor carrying another cookie than the
 * CSRF token and the language; a signed-in page to a request carrying another cookie than those and the session
 * (a flash message, a rehearsal, a sign-in in progress); any page whose route has not declared itself (the public
 * pages by path; the signed-in ones by the route Remix rendered, which says so in a header this removes); and any
 * answer but a 200 page without cookies of its own.
 */
import { createRemixRequest } from '@remix-run/express/dist/server.js'
import { createRequestHandler } from '@remix-run/node'

/** Cookies a cached page may be served with: they change nothing on a public page but the token filled in. */
const harmlessCookies = new Set(['__csrf', 'lang'])

/**
 * A body cut at every occurrence of the given secrets: `parts` around them, `slots` naming which secret goes where.
 * The secrets are random tokens (base64 or base64url): HTML and JSON escaping leave them as they are.
 */
export function toTemplate(text, secrets) {
  const parts = []
  const slots = []
  let at = 0
  for (;;) {
    let next = -1
    let which = -1
    for (let i = 0; i < secrets.length; i++) {
      const found = text.indexOf(secrets[i], at)
      if (found !== -1 && (next === -1 || found < next)) {
        next = found
        which = i
      }
    }
    if (next === -1) break
    parts.push(text.slice(at, next))
    slots.push(which)
    at = next + secrets[which].length
  }
  parts.push(text.slice(at))
  return { parts, slots }
}

/** The template with this response's secrets, in the order given to toTemplate. */
export function fillTemplate(template, secrets) {
  let text = template.parts[0]
  for (let i = 0; i < template.slots.length; i++) text += secrets[template.slots[i]] + template.parts[i + 1]
  return text
}

/**
 * A route's whole path, its parents' paths before its own. An index route of the flat file convention carries its
 * folder's path (`notice._index` is `notice`, index), so an index route's own path counts too.
 */
function fullPathOf(routes, route) {
  const own = route.path ?? ''
  const parent = route.parentId ? fullPathOf(routes, routes[route.parentId]) : ''
  return [parent, own].filter(Boolean).join('/')
}

/** The paths of the routes that declare themselves public (`export const handle = { publicPage: true }`). */
export function publicPagePaths(routes) {
  const paths = new Set()
  for (const route of Object.values(routes)) {
    if (route.module?.handle?.publicPage !== true) continue
    const path = `/${fullPathOf(routes, route)}`.replace(/\/+/g, '/')
    // Only fixed paths: a page with parameters names a record, and is not read by everyone alike.
    if (!/[:*]/.test(path)) paths.add(path)
  }
  return paths
}

/**
 * The paths of the routes that declare themselves signed-in pages that may be kept, as patterns (a parameter is one
 * segment). A path matching one may still be rendered by another route (a fixed path beside a parameter): only the
 * render's own header lets a copy be kept.
 */
export function signedInPagePatterns(routes) {
  const patterns = []
  for (const route of Object.values(routes)) {
    if (route.module?.handle?.signedInPage !== true) continue
    const segments = fullPathOf(routes, route).split('/').filter(Boolean)
    if (segments.some((segment) => segment.includes('*') || segment.endsWith('?'))) continue
    const source = segments
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/')
    patterns.push(new RegExp(`^/${source}/?$`, 'i'))
  }
  return patterns
}

/**
 * A kept page may be served: rendered on the database's present version, within its time to live, and (a signed-in
 * page) before the session that asked for it ends.
 */
export function isFresh(kept, version, now, ttlMs) {
  return (
    kept !== undefined &&
    kept.version === version &&
    now - kept.at < ttlMs &&
    (kept.until === undefined || now < kept.until)
  )
}

/** The cookies of a request, name to value (the first of a name, as the pages read them). */
export function cookiesOf(header) {
  const cookies = new Map()
  if (!header) return cookies
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=')
    const name = (at === -1 ? pair : pair.slice(0, at)).trim()
    if (name && !cookies.has(name)) cookies.set(name, at === -1 ? '' : pair.slice(at + 1).trim())
  }
  return cookies
}

/**
 * What a GET may be served from a copy as, from its cookies: `public` (only harmless ones), `signedIn` with the
 * session's cookie (only those and the session, which is part of the copy's key), or nothing (a flash message, a
 * rehearsal, a sign-in in progress).
 */
export function copyKindOf(cookies, sessionCookieName) {
  let session
  for (const [name, value] of cookies) {
    if (name === sessionCookieName && value) session = value
    else if (!harmlessCookies.has(name)) return undefined
  }
  return session === undefined ? { kind: 'public' } : { kind: 'signedIn', session }
}

/**
 * The middleware. `build` is the server build; its entry module's `pageCacheHooks` give the database's version,
 * the reader's language, a new nonce and the visitor's CSRF token as the pages make them.
 */
export function pageCache({ build, mode, getLoadContext, ttlMs = 1_000, maxEntries = 500, now = () => Date.now() }) {
  const hooks = build.entry.module.pageCacheHooks
  const paths = publicPagePaths(build.routes)
  const signedInPaths = signedInPagePatterns(build.routes)
  const handle = createRequestHandler(build, mode)
  /** Key -> { version, at, until, status, headers: [name, template][], body: template }; oldest first (Map order). */
  const cache = new Map()

  function keep(key, entry) {
    cache.delete(key)
    cache.set(key, entry)
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value)
  }

  function send(res, state, entry, secrets, setCookie) {
    res.status(entry.status)
    for (const [name, value] of entry.headers) res.setHeader(name, fillTemplate(value, secrets))
    if (setCookie) res.append('Set-Cookie', setCookie)
    res.setHeader('X-Page-Cache', state)
    res.end(fillTemplate(entry.body, secrets))
  }

  return async function servePageCopy(req, res, next) {
    if (req.method !== 'GET') return next()
    const copy = copyKindOf(cookiesOf(req.headers.cookie), hooks.sessionCookieName)
    const mayKeep =
      copy?.kind === 'public'
        ? paths.has(req.path)
        : copy?.kind === 'signedIn' && signedInPaths.some((pattern) => pattern.test(req.path))
    if (!mayKeep) return next()
    try {
      const request = createRemixRequest(req, res)
      const url = new URL(request.url)
      const [lang, csrf, version] = await Promise.all([
        hooks.langOf(request),
        hooks.csrfOf(request),
        hooks.dataVersion(),
      ])
      // A signed-in page is kept under its session's cookie: no other session, and no visitor, is ever served it.
      const owner = copy.kind === 'signedIn' ? `session ${copy.session}` : 'public'
      const key = `${url.host} ${lang} ${owner} ${url.pathname}${url.search}`
      const nonce = hooks.newNonce()
      const secrets = [nonce, csrf.token]
      const kept = cache.get(key)
      if (isFresh(kept, version, now(), ttlMs)) {
        cache.delete(key)
        cache.set(key, kept)
        return send(res, 'hit', kept, secrets, csrf.setCookie)
      }
      const at = now()
      const response = await handle(request, {
        ...getLoadContext(req, res),
        nonce,
        csrf: csrf.token,
        keepForSession: copy.kind === 'signedIn',
      })
      const body = await response.text()
      // Remix's own fetch globals list each cookie as an entry of its own (as its Express adapter relies on).
      const all = [...response.headers]
      const until = Number(response.headers.get(hooks.keptUntilHeader) ?? NaN)
      const headers = all.filter(
        ([name]) => name !== 'set-cookie' && name !== 'content-length' && name !== hooks.keptUntilHeader,
      )
      const cookies = all.filter(([name]) => name === 'set-cookie').map(([, value]) => value)
      const entry = {
        version,
        at,
        until: copy.kind === 'signedIn' ? until : undefined,
        status: response.status,
        headers: headers.map(([name, value]) => [name, toTemplate(value, secrets)]),
        body: toTemplate(body, secrets),
      }
      const cacheable =
        response.status === 200 &&
        cookies.length === 0 &&
        (response.headers.get('content-type') ?? '').startsWith('text/html') &&
        entry.body.slots.length > 0 &&
        (copy.kind === 'public' || Number.isFinite(until))
      if (cacheable) keep(key, entry)
      else cache.delete(key)
      for (const cookie of cookies) res.append('Set-Cookie', cookie)
      return send(res, cacheable ? 'miss' : 'pass', entry, secrets, csrf.setCookie)
    } catch (error) {
      return next(error)
    }
  }
}
