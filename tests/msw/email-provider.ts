import { http, HttpResponse } from 'msw'

/** The external e-mail provider, the only thing outside the project these tests stand in for. */
export const emailProviderUrl = 'https://mail-provider.example/v1/send'

export interface CapturedEmail {
  to: string
  subject: string
  text: string
  /** Files sent with it (a calendar invitation), base64-encoded as the provider takes them. */
  attachments?: Array<{ filename: string; contentType: string; content: string }>
  authorization: string | null
}

export function emailProvider(captured: CapturedEmail[], options: { failFor?: string } = {}) {
  return http.post(emailProviderUrl, async ({ request }) => {
    const body = (await request.json()) as Omit<CapturedEmail, 'authorization'>
    if (options.failFor && body.to === options.failFor)
      return HttpResponse.json({ error: 'mailbox unavailable' }, { status: 503 })
    captured.push({ ...body, authorization: request.headers.get('authorization') })
    return HttpResponse.json({ id: `msg-${captured.length}` })
  })
}
