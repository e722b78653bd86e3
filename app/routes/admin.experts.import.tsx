import fs from 'node:fs/promises'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { importExperts } from '#workflows/experts/pool.server'
import { importColumns } from '#workflows/experts/import'
import { CsrfInput } from '~/components/csrf-input'
import { FormError } from '~/components/form-error'
import { useT } from '~/hooks/use-i18n'
import { incomingDir } from '#db/attachment-store.server'
import { flushOutboxSoon } from '~/utils/email.server'
import { checkExpertRows, type RowReport } from '~/utils/expert-import.server'
import { httpError, workflowFailure } from '~/utils/http.server'
import { uploadRoute } from '~/upload-limits.mjs'
import { readUpload } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'
import { readSheet } from '~/utils/spreadsheet.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  return json({})
}

interface ImportAnswer {
  report?: RowReport[]
  imported?: number
  withErrors?: number
  messageKey?: string
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  const upload = await readUpload(request, uploadRoute('expertImport'), incomingDir())
  try {
    if (!upload.file || upload.file.size === 0) return httpError(400, 'errors.required')
    let rows: string[][]
    try {
      rows = await readSheet(new Uint8Array(await fs.readFile(upload.file.path)))
    } catch (refused) {
      // A file past the limits or unreadable: the answer names why, the page stays as it was.
      if (refused instanceof Response) return refused
      throw refused
    }
    const db = getDb()
    const taken = new Set((await db.selectFrom('users').select('email').execute()).map((u) => u.email.toLowerCase()))
    const { header, report, good } = checkExpertRows(rows, taken)
    if (!header) return httpError(400, 'errors.importHeader')
    const withErrors = report.filter((r) => Object.keys(r.errors).length > 0).length
    // With any row in error nothing is imported, unless the secretariat chose to import the good rows.
    if (withErrors > 0 && upload.fields.get('importGood') !== 'yes')
      return json<ImportAnswer>({ report, imported: 0, withErrors }, { status: 400 })
    const imported = await importExperts(db, { experts: good, actor })
    flushOutboxSoon()
    return json<ImportAnswer>({ report, imported, withErrors })
  } catch (error) {
    return workflowFailure(error)
  } finally {
    await upload.discard()
  }
}

/** Many experts at once from the secretariat's own list (XLSX or CSV), with a report for every row. */
export default function ImportExperts() {
  const answer = useActionData<ImportAnswer>()
  const t = useT()
  return (
    <section>
      <p>
        <Link to="/admin/experts">{t('expert.pool')}</Link>
      </p>
      <h1>{t('import.heading')}</h1>
      <FormError />
      {answer?.report ? (
        <div className="card" data-testid="import-report">
          <p className={answer.imported ? 'flash' : 'alert'} role="status">
            {answer.imported
              ? t('import.done', { count: answer.imported, errors: answer.withErrors ?? 0 })
              : t('import.nothing', { errors: answer.withErrors ?? 0 })}
          </p>
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  <th className="num">{t('import.row')}</th>
                  <th>{t('admin.displayName')}</th>
                  <th>{t('auth.email')}</th>
                  <th>{t('import.result')}</th>
                </tr>
              </thead>
              <tbody>
                {answer.report.map((row) => (
                  <tr key={row.row} data-ok={Object.keys(row.errors).length === 0}>
                    <td className="num">{row.row}</td>
                    <td>{row.name}</td>
                    <td>{row.email}</td>
                    <td className={Object.keys(row.errors).length > 0 ? 'error' : undefined}>
                      {Object.keys(row.errors).length === 0
                        ? t('import.ok')
                        : Object.entries(row.errors)
                            .map(
                              ([field, key]) =>
                                `${t(`import.field.${field.split('.')[0]}` as 'import.field.name')}：${t(key as 'errors.required')}`,
                            )
                            .join('；')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card">
        <CsrfInput />
        <p>{t('import.intro')}</p>
        <ul className="guide">
          {(Object.keys(importColumns) as Array<keyof typeof importColumns>).map((column) => (
            <li key={column}>
              <strong>{importColumns[column][0]}</strong> · {t(`import.column.${column}`)}
            </li>
          ))}
        </ul>
        <label>
          {t('import.file')}
          <input
            type="file"
            name="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            required
          />
        </label>
        <label className="inline">
          <input type="checkbox" name="importGood" value="yes" /> {t('import.importGood')}
        </label>
        <div className="actions">
          <button type="submit">{t('import.submit')}</button>
        </div>
      </Form>
    </section>
  )
}
