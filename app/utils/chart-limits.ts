/** At most this many rows in a bar chart: beyond it the bars are too thin to read (the table beside it has them all). */
export const chartRows = 40

/** The height of a horizontal bar chart of `rows` rows, as drawn on the server and reserved by the page's <img>. */
export function barChartHeight(rows: number): number {
  return 80 + Math.max(Math.min(rows, chartRows), 3) * 22
}
