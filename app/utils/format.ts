import type { Lang } from '~/i18n'

/**
 * One formatter per language and style, made once: building an Intl.DateTimeFormat is costly (a desk of 10,000
 * rows spent most of its time there), formatting with one is cheap.
 */
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(lang: Lang, style: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}:${style}`
  let cached = formatters.get(key)
  if (!cached) {
    cached = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', options)
    formatters.set(key, cached)
  }
  return cached
}

/**
 * Texts already formatted, by what they depend on (language, style, and the minute or the day): a list page
 * formats 50 timestamps on every view, the same ones as on the one before, and formatting one costs 2 µs. At most
 * 10,000 are kept; then the memo starts afresh.
 */
const texts = new Map<string, string>()
function remembered(key: string, make: () => string): string {
  let text = texts.get(key)
  if (text === undefined) {
    text = make()
    if (texts.size >= 10_000) texts.clear()
    texts.set(key, text)
  }
  return text
}

// Shown in Beijing time whatever the server's zone: the award's deadlines are Shenzhen deadlines.
export function formatDateTime(iso: string, lang: Lang): string {
  const minute = Math.floor(Date.parse(iso) / 60_000)
  return remembered(`${lang}:dateTime:${minute}`, () =>
    formatter(lang, 'dateTime', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(
      new Date(iso),
    ),
  )
}

export function formatDate(iso: string, lang: Lang): string {
  return formatter(lang, 'date', { dateStyle: 'long', timeZone: 'Asia/Shanghai' }).format(new Date(iso))
}

/** A period that ends at 24:00 of its last day is shown by that day, not by the midnight after it. */
export function formatLastDay(endIso: string, lang: Lang): string {
  return formatDate(new Date(Date.parse(endIso) - 1).toISOString(), lang)
}

/** A time of today, as "saved at 14:05" shows it, in Beijing time. */
export function formatTime(iso: string, lang: Lang): string {
  return formatter(lang, 'time', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' }).format(
    new Date(iso),
  )
}

/** A calendar date kept as YYYY-MM-DD (a Beijing date already), in the language's format. */
export function formatDay(date: string, lang: Lang): string {
  return remembered(`${lang}:day:${date}`, () =>
    formatter(lang, 'day', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`)),
  )
}

/** A file's size as a list of files shows it: MB with one decimal from 1 MB, else whole KB (at least 1). */
export function formatFileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}
