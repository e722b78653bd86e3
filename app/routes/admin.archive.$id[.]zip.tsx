import fs from 'node:fs'
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '#db/client.server'
import { getArchive, recordDownload } from '#db/repositories/archive'
import { mayAct } from '#workflows/account/duties'
import { httpError } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { awardNow } from '#workflows/time'

/** A cycle's archive as one zip, for those who keep or watch the record; each download is recorded with its reader. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  if (!mayAct(actor, 'keepArchive') && !mayAct(actor, 'exportAudit')) throw httpError(403, 'errors.forbidden')
  const db = getDb()
  const archive = await getArchive(db, Number(params.id))
  const file = archive ? `${archive.folder}.zip` : ''
  if (!archive || !fs.existsSync(file)) throw httpError(404, 'errors.notFound')
  await recordDownload(db, archive.id, actor.userId, awardNow().toISOString())
  // Streamed from disk: a cycle's archive holds all its evidence and may be gigabytes.
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file)), {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Length': String(fs.statSync(file).size),
      'Content-Disposition': `attachment; filename="archive-${archive.cycle_id}-${archive.id}.zip"`,
      'Cache-Control': 'no-store',
    },
  })
}
