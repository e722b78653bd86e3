import { type ActionFunctionArgs, json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { httpError } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'

/**
 * The benchmark's yardstick (`npm run bench`): the barest Remix page this server can serve, through the same root
 * layout, so that every page's throughput is measured as a ratio to it in the same run. Served only when the
 * benchmark starts the server with BENCH_BARE=1; otherwise it does not exist.
 */
export function loader() {
  if (process.env.BENCH_BARE !== '1') throw httpError(404, 'errors.notFound')
  return { ok: true }
}

/** The barest form post: read and checked as every form is (size, origin, CSRF token), nothing written. */
export async function action({ request }: ActionFunctionArgs) {
  if (process.env.BENCH_BARE !== '1') throw httpError(404, 'errors.notFound')
  await readForm(request)
  return json({ ok: true })
}

export default function Bare() {
  const data = useLoaderData<typeof loader>()
  return <p>{data.ok ? 'ok' : ''}</p>
}
