import { describe, expect, it } from 'vitest'
import { countCharacters } from '#workflows/application/application.schema'

describe('counting characters as the applicant sees them', () => {
  it('counts code points: a Chinese character, an emoji and a lone surrogate are one each, as [...text] counts them', () => {
    const samples = [
      '',
      'a',
      '深圳市市长质量奖',
      '质量😀奖',
      '😀😀',
      '\uD83D',
      'x\uDE00y',
      '\uD83D\uD83D\uDE00',
      '𠀀𠀁 (CJK Extension B)',
      '自评'.repeat(13_000),
    ]
    for (const text of samples) expect(countCharacters(text), JSON.stringify(text.slice(0, 12))).toBe([...text].length)
    expect(countCharacters('质量😀奖')).toBe(4)
  })
})
