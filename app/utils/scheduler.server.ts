import { Cron } from 'croner'
import { getDb } from '#db/client.server'
import { sendDueReminders } from '#workflows/review/reminders.server'
import { sendDraftReminders } from '#workflows/application/draft-reminders.server'
import { sendSocialReminders } from '#workflows/social/social-reminders.server'
import { sendWeeklyDigest } from '#workflows/notifications/digest.server'
import { deliverOutbox } from '#workflows/notifications/outbox.server'
import { beijingToday } from '#workflows/application/application.schema'
import { httpEmailSender } from './email.server'
import { env } from './env.server'

let job: Cron | undefined

/**
 * Jobs that run in the server process: every quarter of an hour, the review reminders that have fallen due, the
 * social evaluation's reminders to the review agency, the applicants' deadline reminders and, from Monday 09:00, the secretariat's weekly digest (each claimed in the
 * database first, so two processes never send one twice), then the outbox when the public address is known
 * (PUBLIC_URL) to build links. Off under tests and with SCHEDULER=off.
 */
export function startScheduler(): void {
  if (job || process.env.VITEST || process.env.SCHEDULER === 'off') return
  // unref: the job never keeps a server that is shutting down alive.
  job = new Cron(
    '*/15 * * * *',
    { protect: true, unref: true, catch: (error: unknown) => console.error('scheduled job failed', error) },
    async () => {
      const sent = await sendDueReminders(getDb(), { today: beijingToday() })
      if (sent.experts > 0)
        console.log(`review reminders queued for ${sent.experts} experts (${sent.assignments} reviews)`)
      const social = await sendSocialReminders(getDb(), { today: beijingToday() })
      if (social > 0) console.log(`social evaluation reminders queued for ${social} cycles`)
      const drafts = await sendDraftReminders(getDb())
      if (drafts > 0) console.log(`deadline reminders queued for ${drafts} unsubmitted drafts`)
      const digests = await sendWeeklyDigest(getDb())
      if (digests > 0) console.log(`weekly digest queued for ${digests} secretariat members`)
      const { EMAIL_API_URL, EMAIL_API_KEY, PUBLIC_URL } = env()
      if (EMAIL_API_URL && PUBLIC_URL)
        await deliverOutbox(getDb(), httpEmailSender(EMAIL_API_URL, EMAIL_API_KEY), { baseUrl: PUBLIC_URL })
    },
  )
}
