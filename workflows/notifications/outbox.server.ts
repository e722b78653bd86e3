import type { DB } from '#db/client.server'
import { listUnsent, markSent } from '#db/repositories/outbox'
import { nowIso } from '#db/repositories/types'
import { type Email, renderEmail } from './messages'

export interface EmailSender {
  send(email: Email): Promise<void>
}

/**
 * Sends what the workflow services wrote to the outbox, after their transactions committed. A message the
 * provider refuses stays unsent and is tried again on the next pass; one message's failure does not stop
 * the others.
 */
export async function deliverOutbox(db: DB, sender: EmailSender, options: { baseUrl: string; limit?: number }) {
  let sent = 0
  let failed = 0
  for (const message of await listUnsent(db, options.limit ?? 50)) {
    const email = renderEmail(message.kind, message.recipient, message.payload, options.baseUrl)
    try {
      if (email) await sender.send(email)
      await markSent(db, message.id, nowIso())
      sent++
    } catch {
      failed++
    }
  }
  return { sent, failed }
}
