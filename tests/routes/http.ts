import { csrfCookie } from '~/utils/cookies.server'
import { createUserSession } from '~/utils/session.server'

/**
 * Real requests for route modules: a real session row and cookie, a real CSRF cookie and token, and the
 * headers a browser sends on a same-origin form post.
 */
export const origin = 'http://localhost:3000'
export const csrfToken = 'x'.repeat(43)

function cookiePair(setCookie: string): string {
  return setCookie.split(';')[0]!
}

export async function csrfCookieHeader(): Promise<string> {
  return cookiePair(await csrfCookie(new Request(origin)).serialize(csrfToken))
}

export async function sessionCookieHeader(userId: number): Promise<string> {
  return cookiePair(await createUserSession(new Request(origin), userId))
}

export interface PostOptions {
  userId?: number
  token?: string | null
  headers?: Record<string, string>
}

/** A form post; fields as a record, or as URLSearchParams where a name repeats (checkboxes). */
export async function post(
  path: string,
  fields: Record<string, string> | URLSearchParams,
  options: PostOptions = {},
): Promise<Request> {
  const cookies = [await csrfCookieHeader()]
  if (options.userId) cookies.push(await sessionCookieHeader(options.userId))
  const body = new URLSearchParams(fields)
  if (options.token !== null) body.set('csrf', options.token ?? csrfToken)
  return new Request(origin + path, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookies.join('; '),
      origin,
      'sec-fetch-site': 'same-origin',
      ...options.headers,
    },
  })
}

export async function get(path: string, userId?: number): Promise<Request> {
  const cookies = [await csrfCookieHeader()]
  if (userId) cookies.push(await sessionCookieHeader(userId))
  return new Request(origin + path, { headers: { cookie: cookies.join('; ') } })
}

/** Runs a loader or action and returns its Response, whether it was returned or thrown. */
export async function respond(run: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await run()
    if (result instanceof Response) return result
    throw new Error(`expected a Response, got ${JSON.stringify(result)}`)
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
}

/** A route's arguments; `clientAddress` is what the production server passes in its load context. */
export const args = (request: Request, params: Record<string, string> = {}, clientAddress?: string) => ({
  request,
  params,
  context: clientAddress ? { clientAddress } : {},
})

/** A multipart upload as a browser sends it: the file, the CSRF field and any other fields. */
export async function upload(
  path: string,
  file: File | File[],
  fields: Record<string, string>,
  options: PostOptions = {},
): Promise<Request> {
  const cookies = [await csrfCookieHeader()]
  if (options.userId) cookies.push(await sessionCookieHeader(options.userId))
  const form = new FormData()
  if (options.token !== null) form.set('csrf', options.token ?? csrfToken)
  for (const [name, value] of Object.entries(fields)) form.set(name, value)
  for (const each of Array.isArray(file) ? file : [file]) form.append('file', each)
  return new Request(origin + path, {
    method: 'POST',
    body: form,
    headers: { cookie: cookies.join('; '), origin, 'sec-fetch-site': 'same-origin', ...options.headers },
  })
}
