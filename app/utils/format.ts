import type { Lang } from '~/i18n'

// Shown in Beijing time whatever the server's zone: the award's deadlines are Shenzhen deadlines.
export function formatDateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Shanghai',
  }).format(new Date(iso))
}

export function formatDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'long', timeZone: 'Asia/Shanghai' }).format(new Date(iso))
}

/** A period that ends at 24:00 of its last day is shown by that day, not by the midnight after it. */
export function formatLastDay(endIso: string, lang: Lang): string {
  return formatDate(new Date(Date.parse(endIso) - 1).toISOString(), lang)
}

/** A time of today, as "saved at 14:05" shows it, in Beijing time. */
export function formatTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' }).format(new Date(iso))
}

/** A calendar date kept as YYYY-MM-DD (a Beijing date already), in the language's format. */
export function formatDay(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`))
}
