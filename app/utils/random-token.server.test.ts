import { describe, expect, it } from 'vitest'
import { randomToken } from './random-token.server'

describe('randomToken', () => {
  it('never hands out the same bytes twice, across refills of its buffer', () => {
    const tokens = Array.from({ length: 1000 }, () => randomToken(16, 'hex'))
    expect(new Set(tokens).size).toBe(1000)
    expect(tokens.every((t) => /^[0-9a-f]{32}$/.test(t))).toBe(true)
  })

  it('gives tokens of the asked length in the asked encoding', () => {
    expect(Buffer.from(randomToken(32), 'base64url')).toHaveLength(32)
    expect(Buffer.from(randomToken(16, 'base64'), 'base64')).toHaveLength(16)
    expect(Buffer.from(randomToken(5000, 'hex'), 'hex')).toHaveLength(5000)
  })
})
