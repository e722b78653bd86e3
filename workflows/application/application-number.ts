/**
 * 申报编号: how an application is named on its pages, documents and messages, e.g. SZ2026-0009 (the cycle's
 * year and the application's id). Stable from creation, unique, and short enough to read on the phone.
 */
export function applicationNumber(year: number, id: number): string {
  return `SZ${year}-${String(id).padStart(4, '0')}`
}

/** The application a number names ("SZ2026-0006", also typed in lower case or full width), or null. */
export function parseApplicationNumber(text: string): { year: number; id: number } | null {
  const match = /^SZ(\d{4})-(\d{1,9})$/i.exec(text.normalize('NFKC').trim())
  return match ? { year: Number(match[1]), id: Number(match[2]) } : null
}
