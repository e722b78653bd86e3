import type { ReactNode } from 'react'
import { useT } from '~/hooks/use-i18n'

/**
 * A chart drawn on the server as an image, with its caption and its figures as a table behind a disclosure (for
 * screen readers and for copying), or, while there is nothing to draw, what to do next.
 */
export function ChartFigure(props: {
  id: string
  caption: string
  alt: string
  src: string
  height: number
  table: ReactNode
  empty?: string | null
  note?: string
  children?: ReactNode
}) {
  const t = useT()
  return (
    <figure className="card chart" data-testid={props.id} id={props.id}>
      <figcaption>{props.caption}</figcaption>
      {props.empty ? (
        <p className="guide">{props.empty}</p>
      ) : (
        <>
          {props.note ? <p className="guide">{props.note}</p> : null}
          {/* A new image for a new source (another cycle, say): the browser would keep showing the old chart until
              the new one arrived. */}
          <img key={props.src} src={props.src} alt={props.alt} width={720} height={props.height} />
          <details>
            <summary>{t('chart.asTable')}</summary>
            <div className="scroll">{props.table}</div>
          </details>
        </>
      )}
      {props.children}
    </figure>
  )
}

/** Counts with a label per row and a column per named group (categories, mostly): a chart's table. */
export function CountsTable(props: {
  corner: string
  columns: ReadonlyArray<{ code: string; name: string }>
  rows: ReadonlyArray<{ key: string; label: string; counts: readonly number[] }>
}) {
  return (
    <table>
      <thead>
        <tr>
          <th>{props.corner}</th>
          {props.columns.map((c) => (
            <th key={c.code} className="num">
              {c.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.key}>
            <th>{row.label}</th>
            {row.counts.map((n, i) => (
              <td key={i} className="num">
                {n}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
