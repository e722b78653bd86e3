import { databaseHealth } from '#db/client.server'

/**
 * For a load balancer or a monitor: 200 when the database answers and has room, 503 with the cause when it
 * does not (unreadable, unreachable, or a full disk), naming the database's kind (sqlite or postgres). It never waits behind a request that is waiting for the write lock.
 */
export async function loader() {
  const health = await databaseHealth()
  return new Response(health.detail, {
    status: health.ok ? 200 : 503,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}
