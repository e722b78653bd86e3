import { z } from 'zod'
import { isoDate, requiredText } from '#workflows/fields'

/** 集中答辩: a Beijing date and start time, the length, and the room or video link. */
export const defenceSlotSchema = z.object({
  date: isoDate,
  time: requiredText(5).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'errors.time'),
  minutes: requiredText(3)
    .regex(/^\d{1,3}$/, 'errors.wholeNumber')
    .transform(Number)
    .pipe(z.number().int().min(10, 'errors.tooSmall').max(240, 'errors.numberTooLarge')),
  place: requiredText(300),
})

/** 现场核查: the day and the address where the team goes. */
export const siteVisitSchema = z.object({
  date: isoDate,
  address: requiredText(300),
})

/** A panel or team member's declaration before the file opens: no conflict, or a conflict with its reason. */
export const panelDeclarationSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('noConflict') }),
  z.object({ intent: z.literal('conflict'), reason: requiredText(500) }),
])

/** Field names of the defence sheet and the site-visit sheet, by criteria ids. */
export const categoryField = (categoryId: number) => `category_${categoryId}`
export const itemField = (itemId: number) => `item_${itemId}`
export const noteField = (itemId: number) => `note_${itemId}`

/**
 * The team's findings as the leader types them: one per line; a line starting "严重" or "Major" (with a colon) is
 * a major finding, any other a minor one. Empty lines are skipped.
 */
export function readFindings(text: string): Array<{ severity: 'major' | 'minor'; text: string }> {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const major = /^(严重|major)\s*[:：]\s*/i.exec(line)
      return major
        ? { severity: 'major' as const, text: line.slice(major[0].length) }
        : { severity: 'minor' as const, text: line.replace(/^(一般|minor)\s*[:：]\s*/i, '') }
    })
}

/** The findings back as the leader's text, for the form. */
export function writeFindings(
  findings: ReadonlyArray<{ severity: 'major' | 'minor'; text: string }>,
  lang: 'zh' | 'en',
): string {
  const major = lang === 'en' ? 'Major: ' : '严重：'
  return findings.map((f) => (f.severity === 'major' ? major + f.text : f.text)).join('\n')
}
