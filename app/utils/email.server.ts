import { getDb } from '#db/client.server'
import type { Email } from '#workflows/notifications/messages'
import { deliverOutbox, type EmailSender } from '#workflows/notifications/outbox.server'
import { env } from './env.server'

/** A transactional e-mail provider's HTTP API: one JSON POST per message, bearer-token authenticated. */
export function httpEmailSender(url: string, apiKey: string | undefined): EmailSender {
  return {
    async send(email: Email) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
        body: JSON.stringify({
          to: email.to,
          subject: email.subject,
          text: email.text,
          // Attachments (a calendar invitation) base64-encoded, as e-mail APIs take files.
          ...(email.attachments
            ? {
                attachments: email.attachments.map((a) => ({
                  filename: a.filename,
                  contentType: a.contentType,
                  content: Buffer.from(a.content, 'utf8').toString('base64'),
                })),
              }
            : {}),
        }),
        signal: AbortSignal.timeout(10_000),
      })
      if (!response.ok) throw new Error(`e-mail provider answered ${response.status}`)
    },
  }
}

let pending: Promise<unknown> | null = null

/**
 * Called by actions after a workflow change committed. Without EMAIL_API_URL (the demo) messages stay in the
 * outbox table, where the secretariat can see them. Passes never overlap. Links point at PUBLIC_URL, which the
 * configuration requires beside EMAIL_API_URL, never at the request's Host header: a stranger's forged Host
 * would otherwise put their own site into another account's reset link.
 */
export function flushOutboxSoon(): void {
  const { EMAIL_API_URL, EMAIL_API_KEY, PUBLIC_URL } = env()
  if (!EMAIL_API_URL || !PUBLIC_URL || pending) return
  pending = deliverOutbox(getDb(), httpEmailSender(EMAIL_API_URL, EMAIL_API_KEY), { baseUrl: PUBLIC_URL })
    .catch((error: unknown) => console.error('outbox delivery failed', error))
    .finally(() => {
      pending = null
    })
}
