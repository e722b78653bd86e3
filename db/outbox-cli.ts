/**
 * `npm run outbox -- [address]`: the e-mails waiting in the outbox, newest last, as they would be sent, links and
 * all. Without an e-mail provider (EMAIL_API_URL unset, as in the demo) messages stay in the outbox; this is how
 * someone trying the demo follows a registration or invitation link. Links start with PUBLIC_URL, else the local
 * server's address. Reads DATABASE_PATH, as the server does.
 */
import { renderEmail } from '#workflows/notifications/messages'
import { listUnsent } from './repositories/outbox'
import { closeDb, getDb } from './client.server'

const recipient = process.argv[2]?.toLowerCase()
const baseUrl = process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 3000}`

const waiting = await listUnsent(getDb(), 10_000)
const shown = waiting.filter((message) => !recipient || message.recipient === recipient).slice(-20)
for (const message of shown) {
  const email = renderEmail(message.kind, message.recipient, message.payload, baseUrl)
  if (!email) continue
  console.log(`── ${message.created_at} → ${email.to}\n${email.subject}\n\n${email.text}`)
}
if (shown.length === 0) console.log(recipient ? `No e-mail waits for ${recipient}.` : 'The outbox is empty.')
await closeDb()
