import { describe, expect, it } from 'vitest'
import { confirmationStanding, isSameName } from './legal-confirmation'

describe("the legal representative's confirmation, as rules", () => {
  it('holds for the version it was given on only', () => {
    expect(confirmationStanding(undefined, 4)).toBe('none')
    expect(confirmationStanding({ confirmed_version: 4 }, 4)).toBe('current')
    expect(confirmationStanding({ confirmed_version: 4 }, 5)).toBe('behind')
    // Left behind by a change of evidence, which does not move the version.
    expect(confirmationStanding({ confirmed_version: 0 }, 4)).toBe('behind')
  })

  it('takes the name as the profile gives it, whatever the spaces, width or case', () => {
    expect(isSameName('李明', '李明')).toBe(true)
    expect(isSameName(' 李 明 ', '李明')).toBe(true)
    expect(isSameName('ＬＩ Ming', 'li ming')).toBe(true)
    expect(isSameName('李敏', '李明')).toBe(false)
    expect(isSameName('', '')).toBe(false)
    expect(isSameName('   ', '李明')).toBe(false)
  })
})
