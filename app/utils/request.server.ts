import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { type UploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'
import { errorCode } from '#db/error-code'
import { StorageUnavailable } from '#db/storage-unavailable'
import { randomToken } from './random-token.server'
import { csrfCookie } from './cookies.server'
import { env } from './env.server'
import { httpError } from './http.server'
import { isAwardOnlyPath } from './rehearsal-paths'
import { currentRehearsal } from '#db/scope'
import { formBodyLimit, uploadBodyLimit, type uploadRoutes } from '~/upload-limits.mjs'

const tooLarge = () => httpError(413, 'errors.tooLarge')

// A refused body is read to the end and thrown away (never kept, never parsed), up to this much: otherwise its
// unread bytes stay on a kept-alive connection and the browser's next request on it fails. Past this, the
// connection is simply left to be reset.
const drainLimit = 16 * 1024 * 1024

async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, alreadyRead: number): Promise<void> {
  let read = alreadyRead
  while (read <= drainLimit) {
    const { done, value } = await reader.read()
    if (done) return
    read += value.byteLength
  }
  await reader.cancel()
}

/** Reads at most `limit` bytes of the body; a larger one is refused with 413 before anything is parsed. */
async function readBody(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (!request.body) return ''
  const reader = request.body.getReader()
  if (declared > limit) {
    await discardRest(reader, 0)
    throw tooLarge()
  }
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await discardRest(reader, size)
      throw tooLarge()
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function sameOrigin(request: Request): boolean {
  // Browsers send Sec-Fetch-Site on every form post; a cross-site post is a forgery whatever its token says.
  const fetchSite = request.headers.get('sec-fetch-site')
  if (fetchSite === 'cross-site') return false
  const origin = request.headers.get('origin')
  if (!origin) return true
  const allowed = new Set([
    new URL(request.url).origin,
    ...env()
      .ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  ])
  const host = request.headers.get('host')
  if (host) allowed.add(`${new URL(request.url).protocol}//${host}`)
  return allowed.has(origin)
}

export async function csrfTokenFromCookie(request: Request): Promise<string | null> {
  const value = await csrfCookie(request).parse(request.headers.get('cookie'))
  return typeof value === 'string' && value.length >= 32 ? value : null
}

export function newCsrfToken(): string {
  return randomToken(32)
}

function tokensMatch(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && crypto.timingSafeEqual(left, right)
}

/**
 * The value a page's forms post as `csrf`: the token, and inside a rehearsal (演练) the rehearsal's number after it,
 * so that a form is only ever acted on where it was shown (decision record 0035).
 */
export function formCsrfValue(token: string): string {
  const rehearsal = currentRehearsal()
  return rehearsal ? `${token}${rehearsalMark}${rehearsal.rehearsalId}` : token
}

const rehearsalMark = '~r'

/**
 * Double-submit check: the form's hidden field must equal the signed HttpOnly cookie. Then where the form was shown
 * must be where it is acted on: a form from a rehearsal posted after the rehearsal was left or removed would
 * otherwise act on the award itself, and one from the award posted after a rehearsal was entered in another tab
 * would be lost in the copy. Either is refused with nothing changed; the sign-in, account and rehearsal pages always
 * act on the award and take forms from anywhere.
 */
async function assertCsrfToken(request: Request, formValue: FormDataEntryValue | null): Promise<void> {
  const cookieToken = await csrfTokenFromCookie(request)
  const [formToken, mark] = typeof formValue === 'string' ? formValue.split(rehearsalMark, 2) : []
  if (!cookieToken || !formToken || !tokensMatch(cookieToken, formToken)) throw httpError(403, 'errors.csrf')
  if (isAwardOnlyPath(new URL(request.url).pathname)) return
  const shownIn = mark === undefined ? null : Number(mark)
  const actingIn = currentRehearsal()?.rehearsalId ?? null
  if (shownIn !== actingIn)
    throw httpError(409, shownIn === null ? 'rehearsal.formFromAward' : 'rehearsal.formFromRehearsal')
}

/**
 * Every action reads its form through here: the size limit, the same-origin check and the CSRF token
 * (double-submit: the hidden field must equal the signed HttpOnly cookie) come before any parsing.
 */
export async function readForm(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get('content-type') ?? ''
  if (!type.startsWith('application/x-www-form-urlencoded')) throw httpError(415, 'errors.unsupportedForm')
  const body = await readBody(request, formBodyLimit)
  if (!sameOrigin(request)) throw httpError(403, 'errors.csrf')
  const form = new URLSearchParams(body)
  await assertCsrfToken(request, form.get('csrf'))
  form.delete('csrf')
  return form
}

export type UploadRoute = (typeof uploadRoutes)[number]

/** Short text fields beside an upload's files (the CSRF token, the declaration a file belongs to). */
const uploadFieldLimit = 4 * 1024

/** The one file of an upload, streamed to a temporary file on disk (never held whole in memory). */
export interface UploadedFile {
  path: string
  size: number
  filename: string
}

export interface Upload {
  /** The short text fields (the CSRF token, the declaration a file belongs to). */
  fields: FormData
  /** The first part named `file`, or null when there was none. */
  file: UploadedFile | null
  /** Every non-empty part named `file`, at most the `maxFiles` asked for. */
  files: UploadedFile[]
  /** Removes the temporary file; called whatever happened, so none is ever left behind. */
  discard(): Promise<void>
}

class UploadTooLarge extends Error {}

/**
 * Counts the body's bytes as they arrive and stops at the limit: a chunked upload declares no length, so the
 * header check alone let 180 MB in 9 MB parts through.
 */
function limitedBody(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  let size = 0
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read()
      if (done) return controller.close()
      size += value.byteLength
      if (size > limit) {
        await reader.cancel()
        return controller.error(new UploadTooLarge())
      }
      controller.enqueue(value)
    },
    cancel: (reason) => reader.cancel(reason),
  })
}

async function drain(data: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const _ of data) {
    // a part nobody asked for: read and forgotten
  }
}

/**
 * The multipart counterpart of readForm, for evidence uploads: declared size, same origin and CSRF token are
 * checked as for every form; the bytes are counted as they stream in (413 past the limit, declared or not);
 * the part named `file` goes to a temporary file under `incomingDir`, at most `maxFileBytes`; other file parts
 * are read and dropped; text fields are short. On any failure the temporary file is removed before the error.
 */
export async function readUpload(request: Request, route: UploadRoute, incomingDir: string): Promise<Upload> {
  // The same limits the production server refuses by before a body is read (app/upload-limits.mjs).
  const maxFiles = route.files
  const maxFileBytes = route.perFile
  const fieldLimit = route.fields || uploadFieldLimit
  const bodyLimit = uploadBodyLimit(route)
  const type = request.headers.get('content-type') ?? ''
  if (!type.startsWith('multipart/form-data')) throw httpError(415, 'errors.unsupportedForm')
  if (Number(request.headers.get('content-length') ?? '0') > bodyLimit)
    throw httpError(413, 'errors.fileTooLarge', { headers: { Connection: 'close' } })
  if (!sameOrigin(request)) throw httpError(403, 'errors.csrf')
  if (!request.body) throw httpError(400, 'errors.required')
  const files: UploadedFile[] = []
  const temporaries: string[] = []
  const discard = async () => {
    for (const temporary of temporaries.splice(0)) await fs.rm(temporary, { force: true })
  }
  const handlePart: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) {
      const chunks: Uint8Array[] = []
      let size = 0
      for await (const chunk of data) {
        size += chunk.byteLength
        if (size > fieldLimit) throw new UploadTooLarge()
        chunks.push(chunk)
      }
      return new TextDecoder().decode(Buffer.concat(chunks))
    }
    if (name !== 'file' || temporaries.length >= maxFiles) return drain(data).then(() => undefined)
    await fs.mkdir(incomingDir, { recursive: true })
    const temporary = path.join(incomingDir, `${crypto.randomBytes(16).toString('hex')}.upload`)
    temporaries.push(temporary)
    const out = await fs.open(temporary, 'wx')
    let size = 0
    try {
      for await (const chunk of data) {
        size += chunk.byteLength
        if (size > maxFileBytes) throw new UploadTooLarge()
        await out.write(chunk)
      }
    } finally {
      await out.close()
    }
    // A file input left empty still sends a part, with no name and no bytes: it is no file.
    if (size > 0 || filename !== '') files.push({ path: temporary, size, filename: filename.slice(0, 255) })
    return undefined
  }
  const counted = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: limitedBody(request.body, bodyLimit),
    duplex: 'half',
  } as RequestInit)
  let fields: FormData
  try {
    fields = await unstable_parseMultipartFormData(counted, handlePart)
    await assertCsrfToken(request, fields.get('csrf'))
  } catch (error) {
    await discard()
    if (error instanceof Response) throw error
    if (error instanceof UploadTooLarge)
      throw httpError(413, 'errors.fileTooLarge', { headers: { Connection: 'close' } })
    if (errorCode(error) === 'ENOSPC') throw new StorageUnavailable('full', String(error))
    throw httpError(400, 'errors.unsupportedForm')
  }
  return { fields, file: files[0] ?? null, files, discard }
}
