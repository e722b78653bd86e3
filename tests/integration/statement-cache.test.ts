import SQLite from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { withStatementCache } from '../../db/sqlite-dialect'

describe('the statement cache', () => {
  it('prepares a statement once however often it runs, keeps the most recent ones, and passes everything else through', () => {
    const sqlite = new SQLite(':memory:')
    const prepare = vi.spyOn(sqlite, 'prepare')
    const cached = withStatementCache(sqlite, 2)
    cached.exec('create table t (n integer)')
    for (let i = 0; i < 5; i++) cached.prepare('insert into t values (?)').run(i)
    expect(prepare).toHaveBeenCalledTimes(1)
    expect(cached.prepare('select count(*) as n from t').get()).toEqual({ n: 5 })
    // A third statement pushes out the least recently used (the insert), which is prepared again when next used.
    cached.prepare('select max(n) as n from t').get()
    cached.prepare('insert into t values (?)').run(5)
    expect(prepare).toHaveBeenCalledTimes(4)
    // Everything but prepare is the database's own.
    expect(cached.inTransaction).toBe(false)
    expect(cached.open).toBe(true)
    cached.close()
    expect(sqlite.open).toBe(false)
  })
})
