import { requireApplicationForSecretariat } from '~/utils/application-access.server'
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { SubpageHeading } from '~/components/subpage-heading'
import { getCriteriaTree } from '#db/repositories/criteria'
import { getCycle } from '#db/repositories/cycles'
import { listCommentsOfSheets, listItemScoresOfSheets, listSubmittedSheetsOfApplication } from '#db/repositories/review'
import { SheetMatrix } from '~/components/sheet-matrix'
import { useT } from '~/hooks/use-i18n'
import { signedInPage } from '~/utils/public-page'

/** Kept for a session while the database is unchanged (app/page-cache.mjs): the loader only reads. */
export const handle = signedInPage

/**
 * 逐项评分 for the secretariat: every submitted sheet side by side, item by item, with the category subtotals and
 * the reviewers' comments. The application's page shows each sheet's total and links here.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, application } = await requireApplicationForSecretariat(request, params.id)
  const cycle = (await getCycle(db, application.cycle_id))!
  const [tree, sheets] = await Promise.all([
    getCriteriaTree(db, cycle.edition_id),
    listSubmittedSheetsOfApplication(db, application.id),
  ])
  const sheetIds = sheets.map((s) => s.id)
  const [scores, comments] = await Promise.all([
    listItemScoresOfSheets(db, sheetIds),
    listCommentsOfSheets(db, sheetIds),
  ])
  return json({
    application: { id: application.id, organisationName: application.organisation_name },
    matrix: {
      sheets: sheets.map((s) => ({ id: s.id, reviewer_name: s.reviewer_name })),
      scores,
      comments,
      tree: tree.categories,
      aggregation: cycle.aggregation,
    },
  })
}

export default function Scores() {
  const { application, matrix } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <section>
      <SubpageHeading application={application} title={t('matrix.heading')} />
      {matrix.sheets.length > 0 ? (
        <>
          <div className="scroll">
            <SheetMatrix data={matrix} />
          </div>
          <p>
            <a href={`/admin/applications/${application.id}/scores.xlsx`} download>
              {t('matrix.export')}
            </a>
          </p>
        </>
      ) : (
        <p className="card">{t('matrix.none')}</p>
      )}
    </section>
  )
}
