import { getDb } from '#db/client.server'
import { getCurrentCycle } from '#db/repositories/cycles'
import { httpError } from './http.server'

/** The cycle the secretariat's pages work on (the newest one); 404 "no cycle yet" when there is none. */
export async function requireCurrentCycle() {
  const cycle = await getCurrentCycle(getDb())
  if (!cycle) throw httpError(404, 'home.noCycle')
  return cycle
}
