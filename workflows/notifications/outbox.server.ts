import { invitationFor } from './invitations.server'
import type { DB } from '#db/client.server'
import { claimUnsent, markSent, releaseClaim } from '#db/repositories/outbox'
import { nowIso } from '#db/repositories/types'
import { currentRehearsal } from '#db/scope'
import { type Email, renderEmail } from './messages'

export interface EmailSender {
  send(email: Email): Promise<void>
}

/** Long enough for a pass of 50 messages to a slow provider; shorter than the 15 minutes between passes. */
const claimLeaseMs = 5 * 60_000

/**
 * Sends what the workflow services wrote to the outbox, after their transactions committed. Each message is
 * claimed first, so that two server processes never send one twice. A message the provider refuses stays unsent
 * and is tried again on the next pass; one message's failure does not stop the others.
 */
export async function deliverOutbox(db: DB, sender: EmailSender, options: { baseUrl: string; limit?: number }) {
  // A rehearsal (演练) sends nothing: what it would send stays in its copy's outbox, where its page shows it.
  if (currentRehearsal()) return { sent: 0, failed: 0 }
  let sent = 0
  let failed = 0
  const now = new Date()
  const claimed = await claimUnsent(db, {
    limit: options.limit ?? 50,
    now: now.toISOString(),
    until: new Date(now.getTime() + claimLeaseMs).toISOString(),
  })
  for (const message of claimed) {
    const email = renderEmail(message.kind, message.recipient, message.payload, options.baseUrl)
    try {
      // A message about a slot carries the slot as a calendar invitation, as it stands now.
      const invitation = email ? await invitationFor(db, message.kind, message.payload, options.baseUrl) : null
      if (email) await sender.send(invitation ? { ...email, attachments: [invitation] } : email)
      await markSent(db, message.id, nowIso())
      sent++
    } catch {
      await releaseClaim(db, message.id)
      failed++
    }
  }
  return { sent, failed }
}
