import crypto from 'node:crypto'
import type { EntryContext, HandleErrorFunction } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { getDb } from '#db/client.server'
import { NonceProvider } from './utils/nonce'
import { StripNulBytes } from './utils/strip-nul.server'
import { startScheduler } from './utils/scheduler.server'

const abortDelayMs = 5_000

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
 * Remix's default entry keeps a 5 s abort timer alive after every render; with many requests that is many
 * live timers and a process that cannot exit promptly. Here the timer is cleared as soon as the response is
 * complete (or has failed).
 */
export default function handleRequest(request: Request, status: number, headers: Headers, context: EntryContext) {
  const waitForAll = isbot(request.headers.get('user-agent') ?? '')
  const nonce = crypto.randomBytes(16).toString('base64')
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    // Declared before the callbacks that clear it, which React may call before the timer is set.
    // eslint-disable-next-line prefer-const
    let timer: NodeJS.Timeout | undefined
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={context} url={request.url} abortDelay={abortDelayMs} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          // Every page passes through the filter: React 18 leaves zero bytes where Chinese text meets a 2 KB boundary.
          const body = new StripNulBytes()
          body.on('end', () => clearTimeout(timer))
          body.on('error', () => clearTimeout(timer))
          headers.set('Content-Type', 'text/html; charset=utf-8')
          securityHeaders(headers, nonce)
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

/**
 * Called by the production server before it listens: a database that cannot be opened, or whose pragmas
 * cannot be set (WAL, full sync, foreign keys, busy timeout), stops the start with a clear message.
 */
export function checkDatabase(): void {
  getDb()
}
