import { createCookie } from '@remix-run/node'
import { env } from './env.server'

/**
 * Cookies are Secure in production except on localhost, so `npm start` works over plain http on the
 * developer's machine while a deployment behind https gets Secure cookies.
 */
export function isSecureRequest(request: Request): boolean {
  const url = new URL(request.url)
  if (request.headers.get('x-forwarded-proto') === 'https' || url.protocol === 'https:') return true
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]'
  return env().NODE_ENV === 'production' && !local
}

const base = { httpOnly: true, sameSite: 'lax' as const, path: '/' }

export const sessionCookie = (request: Request) =>
  createCookie('__session', { ...base, secure: isSecureRequest(request), secrets: [env().sessionSecret] })

export const csrfCookie = (request: Request) =>
  createCookie('__csrf', { ...base, secure: isSecureRequest(request), secrets: [env().sessionSecret] })

/** A one-shot message shown after a redirect ("Saved."), as an i18n key. */
export const flashCookie = (request: Request) =>
  createCookie('__flash', { ...base, secure: isSecureRequest(request), maxAge: 60 })

export const langCookie = createCookie('lang', { path: '/', sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 })
