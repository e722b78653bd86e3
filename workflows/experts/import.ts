import { type RelationKind, relationKinds } from './conflicts'

/**
 * Reading an expert list as the secretariat keeps it (one row per expert, headers in Chinese or English) into the
 * expert form's fields, row by row. Each row is then checked by the same schema as the page's form; this module
 * only finds the columns and splits the cells that hold several values.
 */
export const importColumns = {
  name: ['姓名', 'name'],
  email: ['电子邮箱', '邮箱', 'email', 'e-mail'],
  kind: ['类别', 'kind'],
  fields: ['专业领域', 'fields'],
  industries: ['熟悉行业', '行业', 'industries'],
  employerName: ['现任职单位', '工作单位', 'employer'],
  employerUscc: ['单位统一社会信用代码', '统一社会信用代码', 'employer credit code'],
  qualification: ['资格', '资格证书', 'qualification'],
  relations: ['关联单位', 'ties'],
} as const

export type ImportColumn = keyof typeof importColumns

const kindWords: Record<string, string> = {
  评审员: 'examiner',
  行业专家: 'industryExpert',
  examiner: 'examiner',
  'industry expert': 'industryExpert',
  industryexpert: 'industryExpert',
}

const relationWords: Record<string, RelationKind> = {
  原任职单位: 'formerEmployer',
  咨询服务对象: 'consultingClient',
  近亲属任职单位: 'relativeEmployer',
  竞争单位: 'competitor',
  'former employer': 'formerEmployer',
  'consulting client': 'consultingClient',
  "relative's employer": 'relativeEmployer',
  competitor: 'competitor',
}

const splitList = (cell: string) =>
  cell
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)

/** Which column holds which field, from the header row; null when the name or e-mail column is missing. */
export function columnsOf(header: readonly string[]): Partial<Record<ImportColumn, number>> | null {
  const found: Partial<Record<ImportColumn, number>> = {}
  header.forEach((cell, index) => {
    const label = cell.trim().toLowerCase()
    for (const [column, names] of Object.entries(importColumns) as Array<[ImportColumn, readonly string[]]>) {
      if (found[column] === undefined && names.some((n) => n.toLowerCase() === label)) found[column] = index
    }
  })
  return found.name !== undefined && found.email !== undefined ? found : null
}

/**
 * One row as the expert form would post it. Industries are given as codes or in the page's words (the caller's
 * `industryByWord`); ties as "kind|organisation|end date" separated by ；.
 */
export function rowToForm(
  row: readonly string[],
  columns: Partial<Record<ImportColumn, number>>,
  industryByWord: (word: string) => string | undefined,
) {
  const cell = (column: ImportColumn) => (columns[column] === undefined ? '' : (row[columns[column]!] ?? '').trim())
  const form: Record<string, string> = {
    name: cell('name'),
    email: cell('email'),
    kind: kindWords[cell('kind').toLowerCase()] ?? (cell('kind') === '' ? 'examiner' : cell('kind')),
    fields: cell('fields'),
    employerName: cell('employerName'),
    employerUscc: cell('employerUscc'),
    qualification: cell('qualification'),
    active: 'on',
  }
  const unknownIndustries: string[] = []
  for (const word of splitList(cell('industries'))) {
    const code = industryByWord(word)
    if (code) form[`industries.${code}`] = 'on'
    else unknownIndustries.push(word)
  }
  const ties = cell('relations')
    .split(/[;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)
  ties.forEach((tie, i) => {
    const [kindWord = '', name = '', endedOn = ''] = tie.split(/[|｜]/).map((s) => s.trim())
    const kind =
      relationWords[kindWord.toLowerCase()] ?? (relationKinds.includes(kindWord as RelationKind) ? kindWord : kindWord)
    form[`relations.${i}.kind`] = kind
    form[`relations.${i}.name`] = name
    form[`relations.${i}.endedOn`] = endedOn
  })
  return { form, unknownIndustries }
}
