import { getDb } from '#db/client.server'
import { getCurrentCycle, getCycle } from '#db/repositories/cycles'
import { httpError } from './http.server'

/** The cycle the secretariat's pages work on (the newest one); 404 "no cycle yet" when there is none. */
export async function requireCurrentCycle() {
  const cycle = await getCurrentCycle(getDb())
  if (!cycle) throw httpError(404, 'home.noCycle')
  return cycle
}

/**
 * The cycle a page about one cycle is asked for (`?cycle=<id>`, as the analytics take it), else the current one;
 * an id that names no cycle is 404, not silently the current cycle.
 */
export async function requireRequestedCycle(request: Request) {
  const requested = new URL(request.url).searchParams.get('cycle')
  if (requested === null || requested === '') return requireCurrentCycle()
  const id = Number(requested)
  const cycle = Number.isSafeInteger(id) && id > 0 ? await getCycle(getDb(), id) : undefined
  if (!cycle) throw httpError(404, 'errors.notFound')
  return cycle
}

/** `cycle=<id>` for links and redirects about an earlier cycle; nothing for the current one (its URLs stay short). */
export async function cycleQueryOf(cycleId: number): Promise<string> {
  const current = await getCurrentCycle(getDb())
  return current?.id === cycleId ? '' : `cycle=${cycleId}`
}
