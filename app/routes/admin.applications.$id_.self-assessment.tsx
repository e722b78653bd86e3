import { requireApplicationForSecretariat } from '~/utils/application-access.server'
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { SubpageHeading } from '~/components/subpage-heading'
import { getCriteriaTree } from '#db/repositories/criteria'
import { getCycle } from '#db/repositories/cycles'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import { draftValues } from '~/utils/application-draft.server'

/** 自评报告全文 for the secretariat: each criteria category's section as the applicant wrote it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, application } = await requireApplicationForSecretariat(request, params.id)
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
      <SubpageHeading application={application} title={t('selfAssessment.fullHeading')} />
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
