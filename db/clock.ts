/**
 * The award's clock, in milliseconds since the epoch: the real time, or inside a rehearsal (演练) the rehearsal's
 * own time (decision record 0035). The offset comes from the request's rehearsal scope (db/scope.ts, which sets the
 * source when the server loads it); this module itself imports nothing, so the pages' shared time helpers
 * (workflows/time.ts) stay usable in the browser, where the clock is the real one.
 */
let offsetMs: () => number = () => 0

export function clockMs(): number {
  return Date.now() + offsetMs()
}

export function setClockOffset(source: () => number): void {
  offsetMs = source
}
