import { describe, expect, it } from 'vitest'
import { en } from './en'
import { translator } from './index'
import { zh } from './zh'

describe('translations', () => {
  it('has every key in both languages, none left empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort())
    for (const [key, text] of [...Object.entries(zh), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('')
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
