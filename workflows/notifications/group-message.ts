import { z } from 'zod'
import { applicationStatuses } from '../application/application.machine'

/**
 * Who a group message goes to (issue 24): the applicants of the cycle (all, or of one category, or in one status),
 * the experts of the cycle (everyone drawn or seated this cycle), or the experts on one application's defence panel or
 * site-visit team. Stored with the message as JSON; parsed from the form by the same schema.
 */
export const audienceSchema = z.discriminatedUnion('to', [
  z.object({
    to: z.literal('applicants'),
    category: z.string().max(40).optional(),
    status: z.enum(applicationStatuses as [string, ...string[]]).optional(),
  }),
  z.object({ to: z.literal('experts') }),
  z.object({ to: z.literal('panel'), applicationId: z.number().int().positive() }),
  z.object({ to: z.literal('team'), applicationId: z.number().int().positive() }),
])

export type Audience = z.infer<typeof audienceSchema>

/** An audience as the record keeps it: with the names it was sent under (the category's, the application's number). */
export type AudienceRecord = Audience & { categoryName?: { zh: string; en: string }; number?: string }

/** One recipient of a group message, with what its placeholders are filled from. */
export interface GroupRecipient {
  email: string
  name: string
  organisation: string | null
  /** The application the message is about for this recipient (an applicant's own; the panel's or team's). */
  applicationId: number | null
  /** Its number as the applicant knows it (SZ2026-0009), or null. */
  applicationNumber: string | null
}

/**
 * The placeholders a message may use, in both languages' spelling: a recipient's organisation, application number and
 * name. Anything else in braces stays as written.
 */
const placeholders: Record<string, (r: GroupRecipient) => string> = {
  单位: (r) => r.organisation ?? '',
  organisation: (r) => r.organisation ?? '',
  编号: (r) => r.applicationNumber ?? '',
  number: (r) => r.applicationNumber ?? '',
  姓名: (r) => r.name,
  name: (r) => r.name,
}

export const placeholderNames = Object.keys(placeholders)

/** The text as this recipient reads it: each known {placeholder} replaced by its value. */
export function fillPlaceholders(text: string, recipient: GroupRecipient): string {
  return text.replace(/\{([^{}]{1,20})\}/g, (whole, name: string) => {
    const fill = placeholders[name.trim()]
    return fill ? fill(recipient) : whole
  })
}

/** Recipients once each, by address: an expert on two panels, or an organisation with two accounts' same address. */
export function distinctRecipients(recipients: readonly GroupRecipient[]): GroupRecipient[] {
  const seen = new Set<string>()
  return recipients.filter((r) => {
    const key = r.email.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
