import { PassThrough } from 'node:stream'
import type { EntryContext, HandleErrorFunction } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'

const abortDelayMs = 5_000

/**
 * Headers every page carries: no framing (clickjacking), no MIME sniffing, no full URLs leaked to other
 * sites, no plugins, forms only to ourselves. Scripts are not restricted by CSP here: Remix inlines its
 * hydration data, and a nonce would have to reach every inline script.
 */
export function securityHeaders(headers: Headers): void {
  headers.set('X-Frame-Options', 'DENY')
  headers.set('X-Content-Type-Options', 'nosniff')
  headers.set('Referrer-Policy', 'same-origin')
  headers.set('Content-Security-Policy', "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'")
  headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
}

export function handleDataRequest(response: Response): Response {
  securityHeaders(response.headers)
  return response
}

/**
 * Remix's default entry keeps a 5 s abort timer alive after every render; with many requests that is many
 * live timers and a process that cannot exit promptly. Here the timer is cleared as soon as the response is
 * complete (or has failed).
 */
export default function handleRequest(request: Request, status: number, headers: Headers, context: EntryContext) {
  const waitForAll = isbot(request.headers.get('user-agent') ?? '')
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    let timer: NodeJS.Timeout | undefined
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={context} url={request.url} abortDelay={abortDelayMs} />,
      {
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          const body = new PassThrough()
          body.on('end', () => clearTimeout(timer))
          body.on('error', () => clearTimeout(timer))
          headers.set('Content-Type', 'text/html; charset=utf-8')
          securityHeaders(headers)
          resolve(new Response(createReadableStreamFromReadable(body), { headers, status }))
          pipe(body)
        },
        onShellError(error: unknown) {
          clearTimeout(timer)
          reject(error)
        },
        onError(error: unknown) {
          status = 500
          if (shellRendered) console.error(error)
        },
      },
    )
    timer = setTimeout(abort, abortDelayMs)
  })
}

/** Logged on the server; the browser only ever sees the generic error page. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return
  // A page that does not exist (a browser asking for /favicon.ico, say) is not a server error.
  if (isRouteErrorResponse(error) && error.status < 500) return
  console.error(error)
}
