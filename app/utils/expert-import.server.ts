import { columnsOf, rowToForm } from '#workflows/experts/import'
import type { ExpertInput } from '#workflows/experts/pool.server'
import { industries } from '#workflows/application/application.schema'
import { expertRecordOf, newExpertSchema } from '~/forms/expert'
import { translator } from '~/i18n'
import { parseForm } from './validation.server'

export interface RowReport {
  /** The row's number in the file, the header being row 1. */
  row: number
  name: string
  email: string
  /** Field to message key; empty when the row can be imported. */
  errors: Record<string, string>
}

/** An industry as the secretariat writes it: its code, or its name in either language. */
function industryByWord(word: string): string | undefined {
  const zh = translator('zh')
  const en = translator('en')
  const lower = word.toLowerCase()
  return industries.find(
    (code) =>
      code.toLowerCase() === lower || zh(`industry.${code}`) === word || en(`industry.${code}`).toLowerCase() === lower,
  )
}

/**
 * Checks every row of an uploaded expert list with the expert form's own schema, plus what only a list can get
 * wrong (the same e-mail twice, an address already in the pool): a report for every row, and the experts of
 * the rows that passed.
 */
export function checkExpertRows(
  rows: readonly string[][],
  takenEmails: ReadonlySet<string>,
): { header: boolean; report: RowReport[]; good: ExpertInput[] } {
  const columns = rows[0] ? columnsOf(rows[0]) : null
  if (!columns) return { header: false, report: [], good: [] }
  const report: RowReport[] = []
  const good: ExpertInput[] = []
  const seen = new Map<string, number>()
  rows.slice(1).forEach((row, index) => {
    if (row.every((cell) => cell === '')) return
    const { form, unknownIndustries } = rowToForm(row, columns, industryByWord)
    const parsed = parseForm(newExpertSchema, new URLSearchParams(form))
    const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors }
    if (unknownIndustries.length > 0) errors.industries = 'errors.unknownIndustry'
    const email = form.email!.toLowerCase()
    if (email && takenEmails.has(email)) errors.email = 'auth.emailTaken'
    else if (email && seen.has(email)) errors.email = 'errors.duplicateInFile'
    if (email) seen.set(email, index + 2)
    report.push({ row: index + 2, name: form.name!, email: form.email!, errors })
    if (parsed.ok && Object.keys(errors).length === 0) {
      good.push({
        name: parsed.data.name,
        email: parsed.data.email,
        record: expertRecordOf(parsed.data),
        relations: parsed.data.relations,
      })
    }
  })
  return { header: true, report, good }
}
