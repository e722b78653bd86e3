/**
 * 申报编号: how an application is named on its pages, documents and messages, e.g. SZ2026-0009 (the cycle's
 * year and the application's id). Stable from creation, unique, and short enough to read on the phone.
 */
export function applicationNumber(year: number, id: number): string {
  return `SZ${year}-${String(id).padStart(4, '0')}`
}
