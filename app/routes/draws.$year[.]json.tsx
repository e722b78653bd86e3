import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '#db/client.server'
import { publishedLedger } from '~/utils/draw-ledger.server'

/**
 * Public, after publication: a cycle's whole draw ledger as one JSON file, the input of the page's "verify" and of
 * `npm run verify-draws -- file.json`. Before publication (or for a year without draws) there is nothing to give.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const ledger = await publishedLedger(getDb(), Number(params.year))
  if (!ledger) throw new Response('Not found', { status: 404 })
  return new Response(JSON.stringify(ledger, null, 1), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="draw-ledger-${ledger.cycle}.json"`,
    },
  })
}
