import { databaseHealth } from '#db/client.server'

/**
 * For a load balancer or a monitor: 200 when the database answers and has room, 503 with the cause when it
 * does not (unreadable, or a full disk). It never waits behind a request that is waiting for the write lock.
 */
export function loader() {
  const health = databaseHealth()
  return new Response(health.detail, {
    status: health.ok ? 200 : 503,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}
