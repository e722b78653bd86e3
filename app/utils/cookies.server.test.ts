import { createCookie } from '@remix-run/node'
import { describe, expect, it } from 'vitest'
import { readOnce } from './cookies.server'

const secret = 'cookie-test-'.padEnd(40, 'x')

/** A signed cookie as the app makes them, and the same cookie counting the times it really checks a header. */
function counted() {
  const cookie = createCookie('__csrf', { httpOnly: true, sameSite: 'lax', path: '/', secrets: [secret] })
  let checks = 0
  const counting = Object.create(cookie) as typeof cookie
  counting.parse = (header, options) => {
    checks++
    return cookie.parse(header, options)
  }
  return { cookie, remembering: readOnce(counting), checks: () => checks }
}

describe('a cookie that remembers what it read from a header', () => {
  it('checks a header once and answers the same from then on', async () => {
    const { cookie, remembering, checks } = counted()
    const header = `lang=zh; ${(await cookie.serialize('token-of-the-visitor')).split(';')[0]}`
    expect(await remembering.parse(header)).toBe('token-of-the-visitor')
    expect(await remembering.parse(header)).toBe('token-of-the-visitor')
    expect(await remembering.parse(header)).toBe('token-of-the-visitor')
    expect(checks()).toBe(1)
    expect(remembering.name).toBe('__csrf')
    expect(remembering.isSigned).toBe(true)
  })

  it('reads each header for itself: a forged signature is refused, also after a genuine one was read', async () => {
    const { cookie, remembering } = counted()
    const genuine = (await cookie.serialize('genuine-token')).split(';')[0]!
    expect(await remembering.parse(genuine)).toBe('genuine-token')
    const forged = genuine.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
    expect(await remembering.parse(forged)).toBeNull()
    const other = createCookie('__csrf', { secrets: ['another-secret'.padEnd(40, 'y')] })
    expect(await remembering.parse((await other.serialize('genuine-token')).split(';')[0]!)).toBeNull()
    expect(await remembering.parse('lang=en')).toBeNull()
    expect(await remembering.parse(null)).toBeNull()
    expect(await remembering.parse(genuine)).toBe('genuine-token')
  })

  it('keeps no answer that is an object, which its reader could change', async () => {
    const { cookie, remembering, checks } = counted()
    const header = (await cookie.serialize({ step: 2 })).split(';')[0]!
    const first = (await remembering.parse(header)) as { step: number }
    first.step = 3
    expect(await remembering.parse(header)).toEqual({ step: 2 })
    expect(checks()).toBe(2)
  })

  it('remembers a bounded number of headers, the most recently read, and none that is long', async () => {
    const { cookie, remembering, checks } = counted()
    const value = (await cookie.serialize('t')).split(';')[0]!
    const header = (i: number) => `n=${i}; ${value}`
    await remembering.parse(header(0))
    for (let i = 1; i <= 600; i++) await remembering.parse(header(i))
    const before = checks()
    await remembering.parse(header(600))
    expect(checks()).toBe(before)
    await remembering.parse(header(0))
    expect(checks()).toBe(before + 1)
    // A header longer than this app's cookies ever make is read, never remembered.
    const long = `padding=${'p'.repeat(4096)}; ${value}`
    expect(await remembering.parse(long)).toBe('t')
    expect(await remembering.parse(long)).toBe('t')
    expect(checks()).toBe(before + 3)
  })
})
