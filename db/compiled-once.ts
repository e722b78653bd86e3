import type { Compilable, CompiledQuery } from 'kysely'
import type { Executor } from './repositories/types'

/**
 * A statement Kysely builds and compiles once per database handle, then runs with each call's values: for the
 * statement every signed-in request runs (the session's lookup), where building and compiling it afresh was three
 * quarters of its cost and SQLite's answer the rest (issue 19's profile, decision record 0036).
 *
 * `build` is given one stand-in string per value, and must put each where a value goes (a comparison, never a
 * name or raw SQL): the compiled statement's parameters are searched for the stand-ins, and each is replaced by the
 * call's value. A stand-in that does not appear among them is a mistake in `build`, refused at the first call.
 */
export function compiledOnce<Row>(
  arity: number,
  build: (db: Executor, ...standIns: string[]) => Compilable<Row>,
): (db: Executor, ...values: unknown[]) => Promise<Row[]> {
  const standIns = Array.from({ length: arity }, (_, i) => `\u0000value ${i}\u0000`)
  // Per dialect adapter: one per database handle (the award's, a rehearsal's copy), the same in its transactions.
  const compiledFor = new WeakMap<object, { compiled: CompiledQuery<Row>; slots: number[] }>()
  return async (db, ...values) => {
    if (values.length !== arity) throw new Error(`expected ${arity} values, got ${values.length}`)
    const adapter = db.getExecutor().adapter
    let kept = compiledFor.get(adapter)
    if (!kept) {
      const compiled = build(db, ...standIns).compile()
      const slots = compiled.parameters.map((parameter) => standIns.indexOf(parameter as string))
      const missing = standIns.findIndex((_, i) => !slots.includes(i))
      if (missing !== -1) throw new Error(`value ${missing} is not a parameter of the compiled statement`)
      kept = { compiled, slots }
      compiledFor.set(adapter, kept)
    }
    const { compiled, slots } = kept
    const parameters = compiled.parameters.map((parameter, i) => (slots[i] === -1 ? parameter : values[slots[i]!]))
    return (await db.executeQuery<Row>({ ...compiled, parameters })).rows
  }
}
