import { http, HttpResponse } from 'msw'

/** The external credit-record provider: the project never runs it, so tests stand in for it. */
export const creditServiceUrl = 'https://credit-provider.example/v1/records'

export function creditService(
  records: Record<string, { dishonest: boolean; records: Array<{ type: string; date: string; authority: string }> }>,
) {
  return http.get(creditServiceUrl, ({ request }) => {
    const uscc = new URL(request.url).searchParams.get('uscc') ?? ''
    if (request.headers.get('authorization') !== 'Bearer credit-key')
      return HttpResponse.json({ error: 'unauthorised' }, { status: 401 })
    const found = records[uscc] ?? { dishonest: false, records: [] }
    return HttpResponse.json({ uscc, ...found })
  })
}

export const creditServiceDown = http.get(creditServiceUrl, () =>
  HttpResponse.json({ error: 'maintenance' }, { status: 503 }),
)
export const creditServiceGarbled = http.get(creditServiceUrl, () => HttpResponse.json({ ok: true }))
