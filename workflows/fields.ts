import { z } from 'zod'

/**
 * Field building blocks. Every message is an i18n key (see app/i18n), so the browser and the server show the
 * same error in the user's language.
 */

export const requiredText = (max = 200) =>
  z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(max, 'errors.tooLong')

export const optionalText = (max = 2000) => z.string().trim().max(max, 'errors.tooLong').default('')

export const email = z
  .string({ error: 'errors.required' })
  .trim()
  .toLowerCase()
  .min(1, 'errors.required')
  .pipe(z.email('errors.email'))

/** Mainland mobile numbers or landlines with area code, as printed on business cards. */
export const phone = requiredText(30).regex(/^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'errors.phone')

/** A real calendar date written YYYY-MM-DD (2010-02-30 is refused, not rolled over to March). */
export const isoDate = requiredText(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
  }, 'errors.date')

/**
 * A number as people type it: full-width digits (１２６０), and thousands grouped by commas (1,260 or 1，260) or
 * spaces (1 260), become plain digits. Only well-formed groups of three are taken as grouping, so "12,6" stays as
 * typed and is refused.
 */
export function withoutGrouping(typed: string): string {
  const text = typed.normalize('NFKC').trim()
  return /^-?\d{1,3}([, ]\d{3})+(\.\d+)?$/.test(text) ? text.replace(/[, ]/g, '') : text
}

export const wholeNumber = (min: number) =>
  requiredText(16)
    .transform(withoutGrouping)
    .pipe(z.string().regex(/^-?\d{1,12}$/, 'errors.wholeNumber'))
    .transform(Number)
    .pipe(z.number().int().min(min, 'errors.tooSmall'))

/**
 * Money typed in 万元 with up to two decimals, stored as whole yuan: a string parse, not a float multiply,
 * so 0.07 万元 is exactly 700 yuan.
 */
export function parseWanYuan(input: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(withoutGrouping(input))
  if (!match) return Number.NaN
  const [, sign, whole, fraction = ''] = match
  const yuan = Number(whole) * 10000 + Number(fraction.padEnd(2, '0')) * 100
  return sign === '-' ? -yuan : yuan
}

export const wanYuan = ({ allowNegative }: { allowNegative: boolean }) =>
  requiredText(20)
    .transform(withoutGrouping)
    .pipe(
      z
        .string()
        .regex(
          allowNegative ? /^-?\d+(\.\d{1,2})?$/ : /^\d+(\.\d{1,2})?$/,
          allowNegative ? 'errors.money' : 'errors.moneyPositive',
        ),
    )
    .transform(parseWanYuan)

export function formatWanYuan(yuan: number): string {
  const sign = yuan < 0 ? '-' : ''
  const abs = Math.abs(yuan)
  const whole = Math.floor(abs / 10000)
  const fraction = Math.round((abs % 10000) / 100)
  return fraction === 0 ? `${sign}${whole}` : `${sign}${whole}.${String(fraction).padStart(2, '0')}`
}

const wanYuanDisplay = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

/** An amount in 万元 as a table shows it: thousands separated, two decimals (30,000.00; -300.00). */
export function displayWanYuan(yuan: number): string {
  return wanYuanDisplay.format(yuan / 10000)
}

/** An amount as the applicant typed it (万元), shown as a table shows amounts; what does not parse, as typed. */
export function displayTypedWanYuan(value: string | undefined): string {
  if (!value) return ''
  const yuan = parseWanYuan(value)
  return Number.isNaN(yuan) ? value : displayWanYuan(yuan)
}
