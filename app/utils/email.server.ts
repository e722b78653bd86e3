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
        body: JSON.stringify({ to: email.to, subject: email.subject, text: email.text }),
        signal: AbortSignal.timeout(10_000),
      })
      if (!response.ok) throw new Error(`e-mail provider answered ${response.status}`)
    },
  }
}

let pending: Promise<unknown> | null = null

/**
 * Called by actions after a workflow change committed. Without EMAIL_API_URL (the demo) messages stay in the
 * outbox table, where the secretariat can see them. Passes never overlap.
 */
export function flushOutboxSoon(request: Request): void {
  const { EMAIL_API_URL, EMAIL_API_KEY } = env()
  if (!EMAIL_API_URL || pending) return
  const baseUrl = new URL(request.url).origin
  pending = deliverOutbox(getDb(), httpEmailSender(EMAIL_API_URL, EMAIL_API_KEY), { baseUrl })
    .catch((error: unknown) => console.error('outbox delivery failed', error))
    .finally(() => {
      pending = null
    })
}
