import { describe, expect, it } from 'vitest'
import { formDataToObject } from './form-data'

describe('form fields to nested values', () => {
  it('builds objects and arrays from dotted names', () => {
    const form = new URLSearchParams([
      ['registeredAddress', '深圳市南山区'],
      ['finances.0.year', '2023'],
      ['finances.1.year', '2024'],
      ['finances.0.revenue', '100'],
      ['sections.0', 'a'],
    ])
    expect(formDataToObject(form)).toEqual({
      registeredAddress: '深圳市南山区',
      finances: [{ year: '2023', revenue: '100' }, { year: '2024' }],
      sections: ['a'],
    })
  })

  it('ignores prototype keys and absurd indexes instead of polluting objects or allocating', () => {
    const form = new URLSearchParams([
      ['__proto__.polluted', 'x'],
      ['a.constructor.b', 'y'],
      ['list.99999', 'z'],
    ])
    const value = formDataToObject(form)
    expect(value).toEqual({})
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('never follows a name into a built-in: toString.call and hasOwnProperty.call stay functions', () => {
    const value = formDataToObject(
      new URLSearchParams([
        ['toString.call', 'x'],
        ['hasOwnProperty.call', 'y'],
        ['valueOf', 'z'],
      ]),
    )
    expect(typeof Function.prototype.toString.call).toBe('function')
    expect(typeof Object.prototype.hasOwnProperty.call).toBe('function')
    expect(Object.getPrototypeOf(value)).toBeNull()
    expect({ ...value }).toEqual({ toString: { call: 'x' }, hasOwnProperty: { call: 'y' }, valueOf: 'z' })
  })

  it('drops names that index an array with a non-index and names nested absurdly deep', () => {
    const form = new URLSearchParams([
      ['finances.0.year', '2023'],
      ['finances.length', '0'],
      ['finances.push', 'x'],
      ['a.'.repeat(20) + 'a', 'deep'],
    ])
    expect(formDataToObject(form)).toEqual({ finances: [{ year: '2023' }] })
  })
})
