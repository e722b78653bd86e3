import { describe, expect, it } from 'vitest'
import { checkCharacterFor, checkUscc, isShenzhenRegistered, organisationCodeCheck } from './uscc'

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
    // Position 17 is the organisation code's own check character: changing it fails that check first.
    expect(checkUscc('914403001922038226')).toMatchObject({ ok: false, problem: 'organisationCode' })
    expect(checkUscc('914403001922038217')).toMatchObject({ ok: false, problem: 'checkCharacter' })
  })

  it('checks the structure: registration authority, kind of organisation, region, and the GB 11714 organisation code', () => {
    const valid = (first17: string) => first17 + checkCharacterFor(first17)
    expect(checkUscc(valid('B1440300192203821'))).toEqual({ ok: false, problem: 'authority' })
    expect(checkUscc(valid('9444030019220382' + '1'))).toEqual({ ok: false, problem: 'organisationType' })
    expect(checkUscc(valid('91990300192203821'))).toEqual({ ok: false, problem: 'region' })
    expect(checkUscc(valid('91440300192203822'))).toEqual({ ok: false, problem: 'organisationCode' })
    // A social organisation (5 民政, 1 社会团体) and a public institution (1 机构编制, 2 事业单位) of Shenzhen.
    expect(checkUscc(valid('51440300192203821'))).toMatchObject({ ok: true })
    expect(checkUscc(valid('12440300192203821'))).toMatchObject({ ok: true })
  })

  it('computes the GB 11714 organisation code check, with X for ten', () => {
    expect(organisationCodeCheck('19220382')).toBe('1')
    expect(organisationCodeCheck('70846113')).toBe('6')
    expect(['X', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']).toContain(organisationCodeCheck('00000001'))
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
