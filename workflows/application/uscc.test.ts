import { describe, expect, it } from 'vitest'
import { checkCharacterFor, checkUscc, isShenzhenRegistered } from './uscc'

describe('统一社会信用代码 check (GB 32100-2015)', () => {
  it.each(['914403001922038216', '91440300708461136T'])('accepts the real code %s', (code) => {
    expect(checkUscc(code)).toEqual({ ok: true, code })
  })

  it('accepts a code typed in lower case with spaces', () => {
    expect(checkUscc(' 91440300 708461136t ')).toEqual({ ok: true, code: '91440300708461136T' })
  })

  it('refuses a changed check character and says which character was expected', () => {
    expect(checkUscc('914403001922038217')).toEqual({ ok: false, problem: 'checkCharacter', expected: '6' })
    expect(checkUscc('91440300708461136U')).toEqual({ ok: false, problem: 'checkCharacter', expected: 'T' })
  })

  it('refuses a changed body character because the check no longer matches', () => {
    expect(checkUscc('914403001922038226')).toMatchObject({ ok: false, problem: 'checkCharacter' })
  })

  it.each(['91440300I922038216', '9144030O1922038216', '91440300S922038216', '91440300Z922038216'])(
    'refuses the letters that never occur (I, O, S, V, Z): %s',
    (code) => {
      expect(checkUscc(code)).toEqual({ ok: false, problem: 'characters' })
    },
  )

  it.each(['91440300192203821', '9144030019220382160'])('refuses 17 or 19 characters: %s', (code) => {
    expect(checkUscc(code)).toEqual({ ok: false, problem: 'length' })
  })

  it('computes the check character from the weights 3^(i-1) mod 31', () => {
    expect(checkCharacterFor('91440300708461136')).toBe('T')
    expect(checkCharacterFor('91440300192203821')).toBe('6')
  })

  it('recognises a Shenzhen region code', () => {
    expect(isShenzhenRegistered('914403001922038216')).toBe(true)
    expect(isShenzhenRegistered('911100001000000000')).toBe(false)
  })
})
