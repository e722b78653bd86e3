import { describe, expect, it } from 'vitest'
import { postgresVersionRefusal } from './prepare'

/** Issue 20: a PostgreSQL older than 13 stops `npm start` with one line saying so (a real old server is not at hand). */
describe('the PostgreSQL version a start accepts', () => {
  it('refuses 12 and older, and a version it cannot read, naming the server and the version needed', () => {
    expect(postgresVersionRefusal('PostgreSQL db:5432/award', 120015)).toBe(
      'PostgreSQL db:5432/award is PostgreSQL 12; version 13 or newer is needed',
    )
    expect(postgresVersionRefusal('PostgreSQL db:5432/award', 96024)).toBe(
      'PostgreSQL db:5432/award is PostgreSQL 9; version 13 or newer is needed',
    )
    expect(postgresVersionRefusal('PostgreSQL db:5432/award', Number.NaN)).toBe(
      'PostgreSQL db:5432/award is PostgreSQL of an unknown version; version 13 or newer is needed',
    )
  })

  it('accepts 13 and newer', () => {
    for (const version of [130000, 130014, 150010, 170002]) expect(postgresVersionRefusal('x', version)).toBeNull()
  })
})
