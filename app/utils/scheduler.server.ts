import { Cron } from 'croner'
import { getDb } from '#db/client.server'
import { deleteExpiredRateLimits } from '#db/repositories/rate-limits'
import { queueDueMessages } from '#workflows/notifications/due-messages.server'
import { deliverOutbox } from '#workflows/notifications/outbox.server'
import { httpEmailSender } from './email.server'
import { env } from './env.server'

let job: Cron | undefined

/**
 * Jobs that run in the server process: every quarter of an hour, the review reminders that have fallen due, the
 * social evaluation's reminders to the review agency, the applicants' deadline reminders and, from Monday 09:00, the secretariat's weekly digest (each claimed in the
 * database first, so two processes never send one twice), then the outbox when the public address is known
 * (PUBLIC_URL) to build links; and it removes the rate limits' counters that have run out (the SQLite store sweeps
 * its own; the PostgreSQL one would, with a timer per limit in every process). Off under tests and with SCHEDULER=off.
 */
export function startScheduler(): void {
  if (job || process.env.VITEST || process.env.SCHEDULER === 'off') return
  // unref: the job never keeps a server that is shutting down alive.
  job = new Cron(
    '*/15 * * * *',
    { protect: true, unref: true, catch: (error: unknown) => console.error('scheduled job failed', error) },
    async () => {
      const due = await queueDueMessages(getDb())
      if (due.experts > 0)
        console.log(`review reminders queued for ${due.experts} experts (${due.assignments} reviews)`)
      if (due.social > 0) console.log(`social evaluation reminders queued for ${due.social} cycles`)
      if (due.drafts > 0) console.log(`deadline reminders queued for ${due.drafts} unsubmitted drafts`)
      if (due.digests > 0) console.log(`weekly digest queued for ${due.digests} secretariat members`)
      // No limit here counts for longer than an hour: a counter that ran out an hour ago is of no further use.
      await deleteExpiredRateLimits(getDb(), Date.now() - 3_600_000)
      const { EMAIL_API_URL, EMAIL_API_KEY, PUBLIC_URL } = env()
      if (EMAIL_API_URL && PUBLIC_URL)
        await deliverOutbox(getDb(), httpEmailSender(EMAIL_API_URL, EMAIL_API_KEY), { baseUrl: PUBLIC_URL })
    },
  )
}
