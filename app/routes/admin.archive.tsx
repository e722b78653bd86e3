import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { listArchives } from '#db/repositories/archive'
import { mayAct } from '#workflows/account/duties'
import { CsrfInput } from '~/components/csrf-input'
import { FormError } from '~/components/form-error'
import { postedInteger } from '~/forms/form-data'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import { buildCycleArchive } from '~/utils/archive.server'
import { formatDateTime } from '~/utils/format'
import { redirectWithFlash } from '~/utils/flash.server'
import { workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'

/** 档案: each cycle's archive, built by the secretariat after publication; each download on the record. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  const db = getDb()
  const [cycles, archives] = await Promise.all([
    db
      .selectFrom('cycles')
      .select(['id', 'year', 'name_zh', 'name_en', 'results_published_at', 'archived_at'])
      .orderBy('year', 'desc')
      .execute(),
    listArchives(db),
  ])
  return json({
    mayBuild: mayAct(actor, 'keepArchive'),
    published: cycles.filter((c) => c.results_published_at !== null),
    archives: archives.map(({ folder: _folder, ...archive }) => archive),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  const form = await readForm(request)
  try {
    await buildCycleArchive(getDb(), { actor, cycleId: postedInteger(form, 'cycleId') })
    return redirectWithFlash(request, '/admin/archive', 'archive.built')
  } catch (error) {
    return workflowFailure(error)
  }
}

export default function Archive() {
  const { mayBuild, published, archives } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  return (
    <section>
      <h1>{t('archive.heading')}</h1>
      <p className="guide">{t('archive.intro')}</p>
      <FormError />
      {mayBuild ? (
        published.length === 0 ? (
          <p>{t('archive.nonePublished')}</p>
        ) : (
          <Form method="post" className="actions">
            <CsrfInput />
            <label>
              {t('archive.cycle')}
              <select name="cycleId">
                {published.map((cycle) => (
                  <option key={cycle.id} value={cycle.id}>
                    {localName(cycle, lang)}
                    {cycle.archived_at ? ` · ${t('archive.alreadyArchived')}` : ''}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{t('archive.build')}</button>
          </Form>
        )
      ) : null}
      {archives.length === 0 ? <p>{t('archive.none')}</p> : null}
      <ul data-testid="archives">
        {archives.map((archive) => (
          <li key={archive.id}>
            <a href={`/admin/archive/${archive.id}.zip`} download>
              {localName(archive, lang)}
            </a>{' '}
            · {formatDateTime(archive.built_at, lang)} · {archive.built_by_name} ·{' '}
            {t('archive.files', { files: archive.files, downloads: archive.downloads ?? 0 })}
            <div className="guide hash">SHA-256 {archive.manifest_hash}</div>
          </li>
        ))}
      </ul>
    </section>
  )
}
