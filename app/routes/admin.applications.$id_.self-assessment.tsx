import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { getApplicationForSecretariat } from '#db/repositories/applications'
import { getCriteriaTree } from '#db/repositories/criteria'
import { getCycle } from '#db/repositories/cycles'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import { draftValues } from '~/utils/application-draft.server'
import { httpError } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

/** 自评报告全文 for the secretariat: each criteria category's section as the applicant wrote it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const db = getDb()
  const id = Number(params.id)
  const application = Number.isSafeInteger(id) ? await getApplicationForSecretariat(db, id) : undefined
  if (!application) throw httpError(404, 'errors.notFound')
  const cycle = (await getCycle(db, application.cycle_id))!
  const tree = await getCriteriaTree(db, cycle.edition_id)
  const sections = draftValues(application).selfAssessment.sections
  return json({
    application: { id: application.id, organisationName: application.organisation_name },
    sections: tree.categories.map((c, i) => ({
      code: c.code,
      name_zh: c.name_zh,
      name_en: c.name_en,
      points: c.points,
      text: sections[i] ?? '',
    })),
  })
}

export default function SelfAssessment() {
  const { application, sections } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  return (
    <section>
      <p>
        <Link to={`/admin/applications/${application.id}`}>
          ← #{application.id} {application.organisationName}
        </Link>
      </p>
      <h1>
        {t('selfAssessment.fullHeading')} · {application.organisationName}
      </h1>
      {sections.map((section) => (
        <article key={section.code} className="card" id={`criterion-${section.code}`}>
          <h2>
            {section.code} {localName(section, lang)}（{t('pdf.points', { points: section.points })}）
          </h2>
          <pre className="text">{section.text || '—'}</pre>
        </article>
      ))}
    </section>
  )
}
