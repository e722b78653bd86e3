import { getDb } from '#db/client.server'
import { getCurrentCycle, getCycle } from '#db/repositories/cycles'
import { httpError } from './http.server'

/** The cycle the secretariat's pages work on (the newest one); 404 "no cycle yet" when there is none. */
export async function requireCurrentCycle() {
  const cycle = await getCurrentCycle(getDb())
  if (!cycle) throw httpError(404, 'home.noCycle')
  return cycle
}

/** The cycle named by `?cycle=<id>`, or null when none is named; an id that names no cycle is 404. */
async function namedCycle(request: Request) {
  const requested = new URL(request.url).searchParams.get('cycle')
  if (requested === null || requested === '') return null
  const id = Number(requested)
  const cycle = Number.isSafeInteger(id) && id > 0 ? await getCycle(getDb(), id) : undefined
  if (!cycle) throw httpError(404, 'errors.notFound')
  return cycle
}

/**
 * The cycle a page about one cycle is asked for (`?cycle=<id>`, as the analytics take it), else the current one;
 * an id that names no cycle is 404, not silently the current cycle.
 */
export async function requireRequestedCycle(request: Request) {
  return (await namedCycle(request)) ?? requireCurrentCycle()
}

/** `cycle=<id>` for links and redirects about an earlier cycle; nothing for the current one (its URLs stay short). */
const cycleQuery = (cycleId: number, currentId: number | undefined) => (cycleId === currentId ? '' : `cycle=${cycleId}`)

/**
 * What a page that switches between cycles needs (desk, ranking, analytics): the cycle shown, the current one, and
 * the query its links carry; the current cycle is read once.
 */
export async function requireCycleView(request: Request) {
  const [named, current] = await Promise.all([namedCycle(request), requireCurrentCycle()])
  const cycle = named ?? current
  return { cycle, current, cycleQuery: cycleQuery(cycle.id, current.id) }
}

/** The query for an action's redirect back to the page of the cycle its form was about. */
export async function cycleQueryOf(cycleId: number): Promise<string> {
  return cycleQuery(cycleId, (await getCurrentCycle(getDb()))?.id)
}
