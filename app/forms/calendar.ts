import { z } from 'zod'

/** Dates as the State Council's notice lists them, one by one, separated by spaces, commas, 、 or new lines. */
export function parseDateList(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/)
    .map((part) => part.trim())
    .filter(Boolean)
}

export const officialCalendarSchema = z.object({
  year: z
    .string({ error: 'errors.required' })
    .trim()
    .regex(/^\d{4}$/, 'errors.wholeNumber')
    .transform(Number)
    .pipe(z.number().int().min(2000, 'errors.tooSmall').max(2100, 'errors.tooLong')),
  holidays: z.string().max(4000, 'errors.tooLong').default('').transform(parseDateList),
  workdays: z.string().max(4000, 'errors.tooLong').default('').transform(parseDateList),
})
