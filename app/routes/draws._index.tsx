import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { publicPage } from '~/utils/public-page'
import { useLoaderData } from '@remix-run/react'
import { useState } from 'react'
import { getDb } from '#db/client.server'
import { type LedgerEntry, type LedgerVerification, verifyLedger } from '#workflows/review/draw-ledger'
import { YearTabs } from '~/components/year-tabs'
import { useLang, useT } from '~/hooks/use-i18n'
import { keyOf } from '~/i18n'
import { publicLedger } from '~/utils/draw-ledger.server'
import { formatDateTime } from '~/utils/format'

/** Public: each year's draw ledger, its hashes from the moment of each draw, its records after publication. */
export const handle = publicPage

export async function loader({ request }: LoaderFunctionArgs) {
  const asked = Number(new URL(request.url).searchParams.get('year'))
  return json(await publicLedger(getDb(), Number.isInteger(asked) && asked > 0 ? asked : null))
}

type Check = { state: 'idle' } | { state: 'running' } | { state: 'done'; result: LedgerVerification }

/** Fetches the very file offered for download and checks it here, in the reader's own browser. */
function useVerification(year: number) {
  const [check, setCheck] = useState<Check>({ state: 'idle' })
  async function run() {
    setCheck({ state: 'running' })
    const file = (await (await fetch(`/draws/${year}.json`)).json()) as { entries: LedgerEntry[] }
    setCheck({ state: 'done', result: await verifyLedger(file.entries) })
  }
  return { check, run }
}

export default function DrawLedger() {
  const { years, cycle } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const { check, run } = useVerification(cycle?.year ?? 0)
  const problemsOf = new Map(check.state === 'done' ? check.result.entries.map((e) => [e.seq, e.problems]) : [])
  return (
    <section>
      <h1>{t('ledger.heading')}</h1>
      <p>{t('ledger.intro')}</p>
      {cycle === null ? <p>{t('ledger.none')}</p> : null}
      <YearTabs years={years} shown={cycle?.year} hrefOf={(y) => `/draws?year=${y}`} />
      {cycle ? (
        <article className="card">
          <h2>{t('results.year', { year: cycle.year })}</h2>
          <p>
            {t('ledger.count', { count: cycle.entries.length })} · {t('ledger.head')}:{' '}
            <code className="hash">{cycle.head}</code>
          </p>
          {cycle.published ? (
            <>
              <p className="actions">
                <button type="button" onClick={run} disabled={check.state === 'running'}>
                  {check.state === 'running' ? t('ledger.verifying') : t('ledger.verify')}
                </button>{' '}
                <a href={`/draws/${cycle.year}.json`} download>
                  {t('ledger.download')}
                </a>
              </p>
              <p className="hint">{t('ledger.offline')}</p>
              {check.state === 'done' ? (
                check.result.ok ? (
                  <p className="flash" role="status">
                    {t('ledger.verified', { count: check.result.entries.length, head: check.result.head })}
                  </p>
                ) : (
                  <p className="alert" role="alert">
                    {t('ledger.failed', { count: check.result.entries.filter((e) => e.problems.length > 0).length })}
                  </p>
                )
              ) : null}
            </>
          ) : (
            <p className="hint">{t('ledger.sealed')}</p>
          )}
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  <th>{t('ledger.seq')}</th>
                  <th>{t('ledger.at')}</th>
                  <th>{t('ledger.kindColumn')}</th>
                  {cycle.published ? <th>{t('ledger.applications')}</th> : null}
                  <th>{t('ledger.hash')}</th>
                  {check.state === 'done' ? <th /> : null}
                </tr>
              </thead>
              <tbody>
                {cycle.entries.map((entry) => (
                  <tr key={entry.seq}>
                    <td>{entry.seq}</td>
                    <td className="nowrap">{formatDateTime(entry.createdAt, lang)}</td>
                    <td>{t(keyOf(`ledger.kind.${entry.kind}`))}</td>
                    {cycle.published ? <td>{entry.applications}</td> : null}
                    <td>
                      <code className="nowrap" title={entry.hash}>
                        {entry.hash.slice(0, 16)}…
                      </code>
                    </td>
                    {check.state === 'done' ? (
                      <td>
                        {(problemsOf.get(entry.seq) ?? []).length === 0
                          ? t('ledger.ok')
                          : problemsOf
                              .get(entry.seq)!
                              .map((p) => t(keyOf(`ledger.problem.${p}`)))
                              .join(lang === 'en' ? '; ' : '；')}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </article>
      ) : null}
    </section>
  )
}
