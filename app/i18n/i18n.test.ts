import { describe, expect, it } from 'vitest'
import { en } from './en'
import { cycleSettingNames, declarationOf } from '#workflows/cycle/cycle-settings'
import { isMessageKey, keyOf, translator } from './index'
import { zh } from './zh'

describe('translations', () => {
  it('has every key in both languages, none left empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort())
    for (const [key, text] of [...Object.entries(zh), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('')
    }
  })

  it('labels every cycle setting the history records with a message (workflows/cycle/cycle-settings.ts)', () => {
    for (const name of cycleSettingNames) {
      const declaration = declarationOf(name)
      for (const key of [declaration.label, declaration.none, declaration.sentences?.on, declaration.sentences?.off])
        if (key !== undefined) expect(isMessageKey(key), `${name}: ${key}`).toBe(true)
    }
  })

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort()
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]))
    }
  })

  it('fills placeholders', () => {
    expect(translator('zh')('admin.awaitingSheets', { submitted: 2, assigned: 3 })).toBe('已提交 2 / 3 份评分表')
    expect(translator('en')('home.cycle', { year: 2026 })).toBe('2026 award cycle')
  })
})

describe('message keys (issue 21: a misspelt key showed another message)', () => {
  it('takes only keys the catalogue has: a misspelt key is a compile error', () => {
    const t = translator('zh')
    // @ts-expect-error 'status.submited' is not a key of the catalogue; npm test's type check fails without this line
    t('status.submited')
    expect(t('status.submitted')).toBe(zh['status.submitted'])
  })

  it('says at the call what shows for a key made from data that names nothing known', () => {
    const t = translator('en')
    expect(t(keyOf('status.submitted'))).toBe(en['status.submitted'])
    expect(t(keyOf('status.somethingNew'))).toBe('—')
    expect(t(keyOf('errors.fromAnOlderServer', 'errors.required'))).toBe(en['errors.required'])
  })
})

describe('each catalogue in its own language (issue 24: English fragments on Chinese pages)', () => {
  it('has no English words in Chinese messages, beyond file formats, units and the switch to English', () => {
    // Names of formats and standards are written so in Chinese text too; "English" labels the language switch; a
    // command to type (npm run …) is typed as it is.
    const allowed = new Set([
      'PDF',
      'PNG',
      'JPEG',
      'Excel',
      'MB',
      'GB',
      'CSV',
      'csv',
      'xlsx',
      'UTF',
      'YYYY-MM-DD',
      'JSON',
      'json',
      'SHA',
      'ics',
    ])
    for (const [key, text] of Object.entries(zh)) {
      const words =
        text
          .replace(/\{\w+\}/g, '')
          .replace(/npm run [\w-]+/g, '')
          .match(/[A-Za-z][A-Za-z.-]*[A-Za-z]/g) ?? []
      const foreign = words.filter((word) => !allowed.has(word) && !(key === 'nav.language' && word === 'English'))
      expect(foreign, key).toEqual([])
    }
  })

  it('has no Chinese in English messages, beyond official names and the headers a Chinese file carries', () => {
    // Each with its reason: the switch to Chinese names itself; official terms and list names are quoted as they
    // are (with the English beside them); an imported file's headers are in Chinese.
    const quoted = new Set([
      'nav.language',
      'declaration.noAccident',
      'declaration.goodCredit',
      'calendar.workdays',
      'errors.importHeader',
    ])
    for (const [key, text] of Object.entries(en))
      if (!quoted.has(key)) expect(/[\u3400-\u9fff\uff00-\uffef]/.test(text), `${key}: ${text}`).toBe(false)
  })
})
