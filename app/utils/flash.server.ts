import { redirect } from '@remix-run/node'
import { isMessageKey, type MessageKey } from '~/i18n'
import { flashCookie } from './cookies.server'

export async function redirectWithFlash(
  request: Request,
  to: string,
  messageKey: MessageKey,
  headers: HeadersInit = {},
) {
  const all = new Headers(headers)
  all.append('Set-Cookie', await flashCookie(request).serialize(messageKey))
  return redirect(to, { headers: all })
}

/** Reads the flash and returns the header that clears it. */
export async function consumeFlash(request: Request): Promise<{ flash: MessageKey | null; header: string | null }> {
  const value = await flashCookie(request).parse(request.headers.get('cookie'))
  if (typeof value !== 'string' || !isMessageKey(value)) return { flash: null, header: null }
  return { flash: value, header: await flashCookie(request).serialize('', { maxAge: 0 }) }
}
