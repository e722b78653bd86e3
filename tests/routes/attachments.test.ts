import { describe, expect, it } from 'vitest'
import { listAttachments } from '../../db/repositories/attachments'
import { completeEligibilityChecks, confirmAsRepresentative, createCompleteDraft } from '../../db/factories'
import { applyApplicationEvent, submitApplication } from '../../workflows/application/application.server'
import { assignReviewer } from '../../workflows/review/review.server'
import * as attachments from '~/routes/applicant.applications.$id.attachments'
import * as download from '~/routes/attachments.$id'
import { acceptInvitation, world } from '../integration/helpers'
import { args, get, post, respond, upload } from './http'
import { flashCookie } from '~/utils/cookies.server'

const pdf = (text = 'evidence') => new File([`%PDF-1.7\n% ${text}\n`], '营业执照.pdf', { type: 'application/pdf' })

describe('evidence uploads', () => {
  it('stores a PDF for the applicant’s own draft and lets the applicant download it back', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id, { evidence: false, confirmed: false })
    const path = `/applicant/applications/${draft.id}/attachments`
    const response = await respond(async () =>
      attachments.action(
        args(
          await upload(
            path,
            pdf('licence'),
            { declarationKey: 'registeredThreeYears' },
            { userId: w.applicant.userId },
          ),
          { id: String(draft.id) },
        ),
      ),
    )
    expect(response.status).toBe(302)
    const [stored] = await listAttachments(w.db, draft.id)
    expect(stored).toMatchObject({
      filename: '营业执照.pdf',
      content_type: 'application/pdf',
      declaration_key: 'registeredThreeYears',
    })

    const file = await respond(async () =>
      download.loader(args(await get(`/attachments/${stored!.id}`, w.applicant.userId), { id: String(stored!.id) })),
    )
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('营业执照.pdf')}`)
    expect(await file.text()).toBe('%PDF-1.7\n% licence\n')
  })

  it('refuses a file that is not PDF or an image, whatever it is called, and stores nothing', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id, { evidence: false, confirmed: false })
    const disguised = new File(['MZ\u0090\u0000 not really a pdf'], 'report.pdf', { type: 'application/pdf' })
    const response = await respond(async () =>
      attachments.action(
        args(
          await upload(
            `/applicant/applications/${draft.id}/attachments`,
            disguised,
            {},
            { userId: w.applicant.userId },
          ),
          { id: String(draft.id) },
        ),
      ),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ messageKey: 'errors.fileType' })
    expect(await listAttachments(w.db, draft.id)).toEqual([])
  })

  it('sends a refusal back to the step as its message when the browser posted the form itself (no JavaScript)', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id, { evidence: false, confirmed: false })
    const disguised = new File(['MZ\u0090\u0000 not really a pdf'], 'report.pdf', { type: 'application/pdf' })
    const send = async (path: string) => {
      const request = await upload(
        path,
        disguised,
        {},
        { userId: w.applicant.userId, headers: { accept: 'text/html' } },
      )
      return respond(async () => attachments.action(args(request, { id: String(draft.id) })))
    }
    const page = await send(`/applicant/applications/${draft.id}/attachments`)
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe(`/applicant/applications/${draft.id}/edit/eligibility`)
    const flash = page.headers.getSetCookie().find((c) => c.startsWith('__flash='))!
    expect(await flashCookie(new Request('http://localhost')).parse(flash.split(';')[0]!)).toBe('errors.fileType')
    // The page's fetcher (JavaScript on) gets the refusal itself, to show beside the upload.
    const inPlace = await send(
      `/applicant/applications/${draft.id}/attachments?_data=routes%2Fapplicant.applications.%24id.attachments`,
    )
    expect(inPlace.status).toBe(400)
    expect(await inPlace.json()).toMatchObject({ messageKey: 'errors.fileType' })
    expect(await listAttachments(w.db, draft.id)).toEqual([])
  })

  it('refuses a file over 10 MB with 413', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id, { evidence: false, confirmed: false })
    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1).fill(0x25)], 'big.pdf')
    const response = await respond(async () =>
      attachments.action(
        args(await upload(`/applicant/applications/${draft.id}/attachments`, big, {}, { userId: w.applicant.userId }), {
          id: String(draft.id),
        }),
      ),
    )
    expect(response.status).toBe(413)
    expect(await listAttachments(w.db, draft.id)).toEqual([])
  })

  it('refuses an upload without the CSRF token, or to another organisation’s application', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id, { evidence: false, confirmed: false })
    const path = `/applicant/applications/${draft.id}/attachments`
    const noToken = await respond(async () =>
      attachments.action(
        args(await upload(path, pdf(), {}, { userId: w.applicant.userId, token: null }), { id: String(draft.id) }),
      ),
    )
    expect(noToken.status).toBe(403)
    const stranger = await respond(async () =>
      attachments.action(
        args(await upload(path, pdf(), {}, { userId: w.otherApplicant.userId }), { id: String(draft.id) }),
      ),
    )
    expect(stranger.status).toBe(404)
    expect(await listAttachments(w.db, draft.id)).toEqual([])
  })

  it('freezes the evidence once submitted: no more uploads, no removal', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const path = `/applicant/applications/${draft.id}/attachments`
    await respond(async () =>
      attachments.action(args(await upload(path, pdf(), {}, { userId: w.applicant.userId }), { id: String(draft.id) })),
    )
    const filed = await listAttachments(w.db, draft.id)
    const stored = filed.find((file) => file.declaration_key === null)
    // A file more after the legal representative confirmed: they confirm again (with the letter, a file more still).
    const confirmed = await confirmAsRepresentative(w.db, w.applicant, draft.id, draft.version)
    await submitApplication(w.db, { applicationId: draft.id, actor: w.applicant, expectedVersion: confirmed })
    const again = await respond(async () =>
      attachments.action(
        args(await upload(path, pdf('late'), {}, { userId: w.applicant.userId }), { id: String(draft.id) }),
      ),
    )
    expect(again.status).toBe(409)
    const removal = await respond(async () =>
      attachments.action(
        args(await post(path, { attachmentId: String(stored!.id) }, { userId: w.applicant.userId }), {
          id: String(draft.id),
        }),
      ),
    )
    expect(removal.status).toBe(409)
    expect(await listAttachments(w.db, draft.id)).toHaveLength(filed.length + 1)
  })

  it('lets the assigned reviewers (once they declared no conflict) and the secretariat download it, and nobody else', async () => {
    const w = await world()
    const app = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    await respond(async () =>
      attachments.action(
        args(await upload(`/applicant/applications/${app.id}/attachments`, pdf(), {}, { userId: w.applicant.userId }), {
          id: String(app.id),
        }),
      ),
    )
    let version = await confirmAsRepresentative(w.db, w.applicant, app.id, app.version)
    version = (await submitApplication(w.db, { applicationId: app.id, actor: w.applicant, expectedVersion: version }))
      .version
    version = (
      await applyApplicationEvent(w.db, {
        applicationId: app.id,
        actor: w.admin,
        event: { type: 'START_ELIGIBILITY_REVIEW' },
        expectedVersion: version,
      })
    ).version
    await completeEligibilityChecks(w.db, w.admin, app.id)
    await applyApplicationEvent(w.db, {
      applicationId: app.id,
      actor: w.admin,
      event: { type: 'ACCEPT_ELIGIBILITY' },
      expectedVersion: version,
    })
    await assignReviewer(w.db, { applicationId: app.id, reviewerId: w.reviewers[0]!.userId, actor: w.admin })
    const [stored] = await listAttachments(w.db, app.id)
    const fetchAs = async (userId: number) =>
      (
        await respond(async () =>
          download.loader(args(await get(`/attachments/${stored!.id}`, userId), { id: String(stored!.id) })),
        )
      ).status
    // Invited, not yet declared: the files stay closed.
    expect(await fetchAs(w.reviewers[0]!.userId)).toBe(404)
    await acceptInvitation(w, app.id, w.reviewers[0]!)
    expect(await fetchAs(w.reviewers[0]!.userId)).toBe(200)
    expect(await fetchAs(w.admin.userId)).toBe(200)
    expect(await fetchAs(w.reviewers[1]!.userId)).toBe(404)
    expect(await fetchAs(w.otherApplicant.userId)).toBe(404)
  })
})

describe('uploads that declare no length', () => {
  const boundary = '----award-test-boundary'
  const head = (name: string, filename: string) =>
    new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
    )

  /** A chunked multipart body of `parts` files of `partBytes` each, counting what the server pulled from it. */
  function chunkedBody(parts: number, partBytes: number, chunkBytes = 1024 * 1024) {
    const pulled = { bytes: 0 }
    const pieces: Array<() => Uint8Array> = [
      () =>
        new TextEncoder().encode(
          `--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${'x'.repeat(43)}\r\n`,
        ),
    ]
    for (let p = 0; p < parts; p++) {
      pieces.push(() => head(p === 0 ? 'file' : `file${p}`, `part${p}.pdf`))
      for (let sent = 0; sent < partBytes; sent += chunkBytes) {
        pieces.push(() => {
          const chunk = new Uint8Array(Math.min(chunkBytes, partBytes - sent)).fill(0x25)
          if (sent === 0) chunk.set(new TextEncoder().encode('%PDF-1.7\n'))
          return chunk
        })
      }
      pieces.push(() => new TextEncoder().encode('\r\n'))
    }
    pieces.push(() => new TextEncoder().encode(`--${boundary}--\r\n`))
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = pieces.shift()
        if (!next) return controller.close()
        const chunk = next()
        pulled.bytes += chunk.byteLength
        controller.enqueue(chunk)
      },
    })
    return { body, pulled }
  }

  async function chunkedUpload(path: string, userId: number, body: ReadableStream<Uint8Array>) {
    const template = await upload(path, pdf(), {}, { userId })
    const headers = new Headers(template.headers)
    headers.set('content-type', `multipart/form-data; boundary=${boundary}`)
    headers.delete('content-length')
    return new Request(template.url, { method: 'POST', body, headers, duplex: 'half' } as RequestInit)
  }

  const incoming = async () => {
    const { incomingDir } = await import('#db/attachment-store.server')
    const fs = await import('node:fs')
    return fs.existsSync(incomingDir()) ? fs.readdirSync(incomingDir()) : []
  }

  it('stops reading a chunked upload at the limit with 413, and leaves no temporary file', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id, { evidence: false, confirmed: false })
    const path = `/applicant/applications/${draft.id}/attachments`
    // 180 MB in 9 MB parts, each part under the file limit: the finding as reported.
    const { body, pulled } = chunkedBody(20, 9 * 1024 * 1024)
    const response = await respond(async () =>
      attachments.action(args(await chunkedUpload(path, w.applicant.userId, body), { id: String(draft.id) })),
    )
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({ messageKey: 'errors.fileTooLarge' })
    // The limit (10 MB and a little) plus what the stream reads ahead: a few 1 MB chunks, not 180 MB.
    expect(pulled.bytes).toBeLessThan(15 * 1024 * 1024)
    expect(await listAttachments(w.db, draft.id)).toEqual([])
    expect(await incoming()).toEqual([])
  })

  it('refuses one chunked file over 10 MB, and takes one under it, with no temporary file left either way', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id, { evidence: false, confirmed: false })
    const path = `/applicant/applications/${draft.id}/attachments`
    const big = chunkedBody(1, 10 * 1024 * 1024 + 1)
    expect(
      (
        await respond(async () =>
          attachments.action(args(await chunkedUpload(path, w.applicant.userId, big.body), { id: String(draft.id) })),
        )
      ).status,
    ).toBe(413)
    expect(await incoming()).toEqual([])
    const small = chunkedBody(1, 2 * 1024 * 1024)
    expect(
      (
        await respond(async () =>
          attachments.action(args(await chunkedUpload(path, w.applicant.userId, small.body), { id: String(draft.id) })),
        )
      ).status,
    ).toBe(302)
    expect(await listAttachments(w.db, draft.id)).toEqual([
      expect.objectContaining({ filename: 'part0.pdf', size: 2 * 1024 * 1024 }),
    ])
    expect(await incoming()).toEqual([])
  })

  it('leaves no temporary file when the connection breaks mid-upload or the store cannot write', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id, { evidence: false, confirmed: false })
    let sent = 0
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(head('file', 'broken.pdf'))
        else if (sent < 4) controller.enqueue(new Uint8Array(512 * 1024).fill(0x25))
        else controller.error(new Error('connection reset'))
        sent++
      },
    })
    const response = await respond(async () =>
      attachments.action(
        args(await chunkedUpload(`/applicant/applications/${draft.id}/attachments`, w.applicant.userId, broken), {
          id: String(draft.id),
        }),
      ),
    )
    expect(response.status).toBe(400)
    expect(await incoming()).toEqual([])

    const { attachmentsDir, diskStore } = await import('#db/attachment-store.server')
    const fs = await import('node:fs')
    const crypto = await import('node:crypto')
    const bytes = new TextEncoder().encode('%PDF-1.7 blocked')
    // The file's final name is taken by a folder: the rename fails, as a full disk would fail the write.
    fs.mkdirSync(`${attachmentsDir()}/${crypto.createHash('sha256').update(bytes).digest('hex')}`, { recursive: true })
    await expect(diskStore.save(bytes)).rejects.toThrow()
    expect(fs.readdirSync(attachmentsDir()).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })
})
