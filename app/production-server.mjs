/**
 * The production HTTP server: what `remix-serve` does (compression, static files with long caching for
 * fingerprinted assets, request log, the Remix handler), plus two refusals that must happen before Remix
 * sees a request:
 *  - a form post from another origin gets our 403 with a message, where Remix would abort it with a 500;
 *  - a body declared larger than the form limit gets 413 and the connection is closed, before it is read.
 * The application keeps its own checks (readForm) for everything that reaches it.
 */
import http from 'node:http'
import path from 'node:path'
import url from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import { installGlobals } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import onHeaders from 'on-headers'
import { redactUrl } from './log-redaction.mjs'
import { pageCache } from './page-cache.mjs'
import { bufferedLog, requestLogger } from './request-log.mjs'
import { staticFiles } from './static-files.mjs'
import { bodyLimitFor } from './upload-limits.mjs'

installGlobals()

const root = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), '..')
const build = await import(url.pathToFileURL(path.join(root, 'build/server/index.js')).href)
try {
  const { report } = await build.entry.module.prepareDatabase()
  console.log(report.join('\n'))
} catch (error) {
  console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
const port = Number(process.env.PORT ?? 3000)
const allowedOrigins = (process.env.ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((o) => o.trim())
  .filter(Boolean)

/**
 * Which proxy's X-Forwarded-For and X-Forwarded-Proto to believe: none unless TRUST_PROXY says so (Express's
 * syntax: 'loopback', an address or subnet list, or a hop count). Without it a client could claim any address
 * (and escape the rate limits) or claim HTTPS.
 */
function trustProxySetting(value) {
  if (!value || value === 'false') return false
  if (value === 'true') return true
  return /^\d+$/.test(value) ? Number(value) : value
}

/** Slow clients may not hold connections: whole headers within 15 s, the whole request within 60 s. */
const timeouts = {
  headersTimeout: Number(process.env.SERVER_HEADERS_TIMEOUT_MS ?? 15_000),
  requestTimeout: Number(process.env.SERVER_REQUEST_TIMEOUT_MS ?? 60_000),
  keepAliveTimeout: Number(process.env.SERVER_KEEP_ALIVE_TIMEOUT_MS ?? 5_000),
}

/**
 * Headers every response carries, static files, health checks and downloads included. Applied just before
 * the headers go out and only where the response has not set its own (pages set a CSP with their nonce).
 */
function defaultSecurityHeaders(req, res) {
  const defaults = {
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    'Content-Security-Policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
  }
  // HTTPS as the client reached us (directly, or through the trusted proxy): browsers keep to HTTPS for a year.
  if (req.secure) defaults['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains'
  for (const [name, value] of Object.entries(defaults)) if (!res.hasHeader(name)) res.setHeader(name, value)
}

const refusal = {
  400: '请求的主机名无效。 / The request names no valid host.',
  403: '表单来源不明，已拒绝。请从本站页面重新提交。 / The form came from another site and was refused. Please submit it again from this site.',
  413: '提交的内容过大。 / What you sent is too large.',
}

/** A client may still be sending a body nobody will read: read and drop up to this much, for up to this long. */
const drainBytes = 64 * 1024 * 1024
const drainMs = 10_000

/**
 * Reads and drops the rest of a request's body, bounded: `done` once it has all arrived, `cut` past the bounds.
 * A socket closed with its body unread is reset, and the client (a browser, a proxy) reports a network error
 * instead of reading the answer.
 */
function drainBody(req, { done, cut }) {
  let drained = 0
  let settled = false
  const settle = (then) => {
    if (settled) return
    settled = true
    clearTimeout(timer)
    then()
  }
  const timer = setTimeout(() => settle(cut), drainMs)
  timer.unref()
  req.on('data', (chunk) => {
    drained += chunk.length
    if (drained > drainBytes) settle(cut)
  })
  req.on('end', () => settle(done))
  req.on('close', () => clearTimeout(timer))
}

/** Answers a refusal once the client has sent its body (or the bounds are passed), then closes the connection. */
function refuse(req, res, status) {
  let answered = false
  const answer = () => {
    if (answered) return
    answered = true
    res.status(status).set({ 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).send(refusal[status])
  }
  req.on('error', answer)
  if (req.complete) return answer()
  drainBody(req, { done: answer, cut: answer })
}

/** What is left of a body the page answered without reading: dropped, so the connection ends cleanly. */
function drainUnread(req) {
  if (req.complete || req.destroyed) return
  req.removeAllListeners('data')
  drainBody(req, { done: () => {}, cut: () => req.socket.destroy() })
  req.resume()
}

/** Same origin: the Origin header names this host (as the browser reached it) or an allowed proxy origin. */
function foreignOrigin(req) {
  if (req.headers['sec-fetch-site'] === 'cross-site') return true
  const origin = req.headers.origin
  if (!origin) return false
  if (allowedOrigins.includes(origin)) return false
  try {
    const host = req.headers['x-forwarded-host'] ?? req.headers.host
    return new URL(origin).host !== host
  } catch {
    return true
  }
}

const app = express()
app.disable('x-powered-by')
app.set('trust proxy', trustProxySetting(process.env.TRUST_PROXY))
app.use((req, res, next) => {
  onHeaders(res, () => defaultSecurityHeaders(req, res))
  next()
})
// A Host (or, from the trusted proxy, X-Forwarded-Host) that no URL can hold: Remix's adapter builds the request's
// URL from it and would throw, a 500 for what is the client's error.
app.use((req, res, next) => {
  try {
    new URL(`http://${req.hostname ?? ''}/`)
    return next()
  } catch {
    return refuse(req, res, 400)
  }
})
// Only for clients that accept a compressed answer: for the others, compression's wrapping of every write is cost
// without use.
const compress = compression()
app.use((req, res, next) => (req.headers['accept-encoding'] ? compress(req, res, next) : next()))
app.use(build.publicPath, staticFiles(path.join(root, build.assetsBuildDirectory), build.publicPath))
// One line per request, with password-link tokens and secret query parameters masked (app/log-redaction.mjs),
// written in batches (app/request-log.mjs).
const requestLog = bufferedLog()
app.use(requestLogger(requestLog, redactUrl))
app.use((req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
  if (foreignOrigin(req)) return refuse(req, res, 403)
  if (Number(req.headers['content-length'] ?? 0) > bodyLimitFor(req.path)) return refuse(req, res, 413)
  // A page may answer before reading a body (an upload to an application that is not the user's, say): the rest
  // of the body is then read and dropped, bounded, so the connection ends cleanly instead of stuck or reset.
  res.on('finish', () => drainUnread(req))
  next()
})
// A staff member working in a rehearsal (演练): the rest of the request runs on its copy and its clock (decision
// record 0035). Only requests with its cookie are asked about; the others pay nothing.
app.use((req, res, next) => {
  const cookie = req.headers.cookie
  if (!cookie?.includes('__rehearsal=')) return next()
  build.entry.module
    .rehearsalScopeFor(req.originalUrl, cookie)
    .then((scope) => (scope ? build.entry.module.inRehearsal(scope, () => next()) : next()), next)
})
// The client's address as Express reads it (X-Forwarded-For only from the trusted proxy), for the rate limits.
const getLoadContext = (req) => ({ clientAddress: req.ip ?? '' })
// Public pages for visitors, and the signed-in pages that only read for their session, from a copy while the
// database is unchanged (app/page-cache.mjs).
const pageCacheTtl = Number(process.env.PAGE_CACHE_TTL_MS ?? 1_000)
if (pageCacheTtl > 0) app.use(pageCache({ build, mode: process.env.NODE_ENV, getLoadContext, ttlMs: pageCacheTtl }))
app.all('*', createRequestHandler({ build, mode: process.env.NODE_ENV, getLoadContext }))

// Checked every second, so the timeouts above hold to within a second (Node's default check is every 30 s).
const server = http.createServer({ ...timeouts, connectionsCheckingInterval: 1_000 }, app)
server.keepAliveTimeout = timeouts.keepAliveTimeout
if (process.env.HOST) server.listen(port, process.env.HOST, onListen)
else server.listen(port, onListen)
function onListen() {
  console.log(`Serving http://localhost:${port}`)
}
for (const signal of ['SIGTERM', 'SIGINT'])
  process.once(signal, () => {
    requestLog.flush()
    server.close()
  })
