import { type Cookie, createCookie } from '@remix-run/node'
import { env } from './env.server'

/**
 * Cookies are Secure in production except on localhost, so `npm start` works over plain http on the
 * developer's machine while a deployment behind https gets Secure cookies.
 */
export function isSecureRequest(request: Request): boolean {
  let secure = secureOf.get(request)
  if (secure === undefined) secureOf.set(request, (secure = decideSecure(request)))
  return secure
}

/** Asked for each cookie a page reads or sets (three to five per page): decided once per request. */
const secureOf = new WeakMap<Request, boolean>()

function decideSecure(request: Request): boolean {
  const url = new URL(request.url)
  if (request.headers.get('x-forwarded-proto') === 'https' || url.protocol === 'https:') return true
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]'
  return env().NODE_ENV === 'production' && !local
}

const base = { httpOnly: true, sameSite: 'lax' as const, path: '/' }

/**
 * Each cookie in its two forms (Secure or not), made once per secret: making them on every request was part of
 * every page's floor (issue 19). The secret is read when first needed, so tests that set it late still see it.
 */
function perRequest(make: (secure: boolean) => Cookie): (request: Request) => Cookie {
  let made: { secret: string; secure: Cookie; plain: Cookie } | null = null
  return (request) => {
    const secret = env().sessionSecret
    if (made?.secret !== secret) made = { secret, secure: readOnce(make(true)), plain: readOnce(make(false)) }
    return isSecureRequest(request) ? made.secure : made.plain
  }
}

/**
 * How many Cookie headers each cookie remembers what it read from (the most recently read kept), and the longest it
 * remembers: this app's own cookies make a header of a few hundred bytes, and a client sending 16 KB headers must
 * not fill the memory with them.
 */
const rememberedHeaders = 500
const rememberedHeaderLength = 2048

/**
 * The cookie, remembering what it read from each of the last Cookie headers: a signed-in user's browser sends the
 * same header with every request, and checking the signature again (an HMAC, a base64 and a JSON decoding: 13 µs a
 * cookie, two or three cookies a page) gave the same answer each time. What it read is a pure function of the whole
 * header, the cookie's name and its secret (fixed for this object), so the header is the key; only answers that are
 * strings or nothing are kept (an object could be changed by whoever reads it).
 */
export function readOnce(cookie: Cookie): Cookie {
  const read = new Map<string, string | null>()
  const remembering = Object.create(cookie) as Cookie
  remembering.parse = async (header, options) => {
    if (!header || options || header.length > rememberedHeaderLength) return cookie.parse(header, options)
    const known = read.get(header)
    if (known !== undefined) {
      read.delete(header)
      read.set(header, known)
      return known
    }
    const value: unknown = await cookie.parse(header)
    if (typeof value === 'string' || value === null) {
      read.set(header, value)
      if (read.size > rememberedHeaders) read.delete(read.keys().next().value!)
    }
    return value
  }
  return remembering
}

/** The session cookie's name: the production server's page cache keys a signed-in page's copy by its value. */
export const sessionCookieName = '__session'

export const sessionCookie = perRequest((secure) =>
  createCookie(sessionCookieName, { ...base, secure, secrets: [env().sessionSecret] }),
)

export const csrfCookie = perRequest((secure) =>
  createCookie('__csrf', { ...base, secure, secrets: [env().sessionSecret] }),
)

/** The second step of a login in progress (a random token; the password was right, the code is to come). */
export const loginStepCookie = perRequest((secure) =>
  createCookie('__login2', { ...base, secure, maxAge: 5 * 60, secrets: [env().sessionSecret] }),
)

/** The rehearsal (演练) a staff member works in, by its number; checked against the session on every request. */
export const rehearsalCookie = perRequest((secure) =>
  createCookie('__rehearsal', { ...base, secure, maxAge: 12 * 60 * 60, secrets: [env().sessionSecret] }),
)

/** A one-shot message shown after a redirect ("Saved."), as an i18n key. */
export const flashCookie = perRequest((secure) => createCookie('__flash', { ...base, secure, maxAge: 60 }))

export const langCookie = createCookie('lang', { path: '/', sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 })
