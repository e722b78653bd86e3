/**
 * The public pages (the home page, the results, the notice, the draw ledger) served to visitors who are not signed
 * in from a copy rendered once, while the database has not changed (decision record 0029). On publication day the
 * whole city reads the same few pages; rendering each copy anew was most of their cost (issue 19).
 *
 * What stays per response: the CSP nonce and the CSRF token are chosen here for every response; a page is kept as a
 * template with both cut out and filled in afresh for each visitor (their own CSRF token from their cookie, or a new
 * one with its cookie). What decides freshness: the database's version (any commit, of this process or another, on
 * SQLite), the reader's language, the host and the whole URL, and a time to live (PAGE_CACHE_TTL_MS, default 1 s)
 * for what depends on the clock (an intake closing, a notice ending) and for other processes' writes on PostgreSQL.
 * What is never served from here: anything to a visitor carrying another cookie than the CSRF token and the language
 * (a session, a flash message, a sign-in in progress), any method but GET, any page that has not declared itself
 * public (`handle.publicPage`), and any answer but a 200 page without cookies of its own.
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

/** The paths of the routes that declare themselves public (`export const handle = { publicPage: true }`). */
export function publicPagePaths(routes) {
  const fullPath = (route) => {
    const own = route.index ? '' : (route.path ?? '')
    const parent = route.parentId ? fullPath(routes[route.parentId]) : ''
    return [parent, own].filter(Boolean).join('/')
  }
  const paths = new Set()
  for (const route of Object.values(routes)) {
    if (route.module?.handle?.publicPage !== true) continue
    const path = `/${fullPath(route)}`.replace(/\/+/g, '/')
    // Only fixed paths: a page with parameters names a record, and is not read by everyone alike.
    if (!/[:*]/.test(path)) paths.add(path)
  }
  return paths
}

/** A kept page may be served: rendered on the database's present version, within its time to live. */
export function isFresh(kept, version, now, ttlMs) {
  return kept !== undefined && kept.version === version && now - kept.at < ttlMs
}

/** The request carries no cookie that could change the page (a session, a flash message, a sign-in in progress). */
export function onlyHarmlessCookies(header) {
  if (!header) return true
  for (const pair of header.split(';')) {
    const name = pair.slice(0, pair.indexOf('=') === -1 ? undefined : pair.indexOf('=')).trim()
    if (name && !harmlessCookies.has(name)) return false
  }
  return true
}

/**
 * The middleware. `build` is the server build; its entry module's `pageCacheHooks` give the database's version,
 * the reader's language, a new nonce and the visitor's CSRF token as the pages make them.
 */
export function publicPageCache({
  build,
  mode,
  getLoadContext,
  ttlMs = 1_000,
  maxEntries = 200,
  now = () => Date.now(),
}) {
  const hooks = build.entry.module.pageCacheHooks
  const paths = publicPagePaths(build.routes)
  const handle = createRequestHandler(build, mode)
  /** Key -> { version, at, status, headers: [name, template][], body: template }; oldest first (Map order). */
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

  return async function pageCache(req, res, next) {
    if (req.method !== 'GET' || !paths.has(req.path) || !onlyHarmlessCookies(req.headers.cookie)) return next()
    try {
      const request = createRemixRequest(req, res)
      const url = new URL(request.url)
      const [lang, csrf] = await Promise.all([hooks.langOf(request), hooks.csrfOf(request)])
      const key = `${url.host} ${lang} ${url.pathname}${url.search}`
      const version = hooks.dataVersion()
      const nonce = hooks.newNonce()
      const secrets = [nonce, csrf.token]
      const kept = cache.get(key)
      if (isFresh(kept, version, now(), ttlMs)) {
        cache.delete(key)
        cache.set(key, kept)
        return send(res, 'hit', kept, secrets, csrf.setCookie)
      }
      const at = now()
      const response = await handle(request, { ...getLoadContext(req, res), nonce, csrf: csrf.token })
      const body = await response.text()
      // Remix's own fetch globals list each cookie as an entry of its own (as its Express adapter relies on).
      const all = [...response.headers]
      const headers = all.filter(([name]) => name !== 'set-cookie' && name !== 'content-length')
      const cookies = all.filter(([name]) => name === 'set-cookie').map(([, value]) => value)
      const entry = {
        version,
        at,
        status: response.status,
        headers: headers.map(([name, value]) => [name, toTemplate(value, secrets)]),
        body: toTemplate(body, secrets),
      }
      const cacheable =
        response.status === 200 &&
        cookies.length === 0 &&
        (response.headers.get('content-type') ?? '').startsWith('text/html') &&
        entry.body.slots.length > 0
      if (cacheable) keep(key, entry)
      else cache.delete(key)
      for (const cookie of cookies) res.append('Set-Cookie', cookie)
      return send(res, cacheable ? 'miss' : 'pass', entry, secrets, csrf.setCookie)
    } catch (error) {
      return next(error)
    }
  }
}
