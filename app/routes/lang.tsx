import { type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { parseLang } from '~/i18n'
import { langCookie } from '~/utils/cookies.server'
import { safeNext } from '~/utils/session.server'

/** Switches the language and returns to the page the user was on. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const lang = parseLang(url.searchParams.get('to'))
  return redirect(safeNext(url.searchParams.get('next'), '/'), {
    headers: { 'Set-Cookie': await langCookie.serialize(lang) },
  })
}
