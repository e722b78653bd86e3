import { en } from './en'
import { type MessageKey, zh } from './zh'

export type { MessageKey }
export type Lang = 'zh' | 'en'
export const languages: readonly Lang[] = ['zh', 'en']

const catalogues: Record<Lang, Record<MessageKey, string>> = { zh, en }

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zh, key)
}

/**
 * A message key made from data (a status, an event, an error key sent by the server): the key when the catalogue
 * has it, else the fallback. `t()` itself takes only keys the catalogue has, so a misspelt key is a compile error;
 * a key built at run time says here, at its call, what shows when the data names nothing known.
 */
export function keyOf(key: string, fallback: MessageKey = 'common.unknown'): MessageKey {
  return isMessageKey(key) ? key : fallback
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string

/** Looks a key up; an unknown key (say, a zod default message) is shown as the generic field error. */
export function translator(lang: Lang): Translate {
  const catalogue = catalogues[lang]
  return (key, vars) => {
    const template = isMessageKey(key) ? catalogue[key] : catalogue['errors.required']
    if (!vars) return template
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match))
  }
}

export function parseLang(value: string | null | undefined): Lang {
  return value === 'en' ? 'en' : 'zh'
}

/** Picks the name column of a bilingual row. */
export function localName(row: { name_zh: string; name_en: string }, lang: Lang): string {
  return lang === 'en' ? row.name_en : row.name_zh
}
