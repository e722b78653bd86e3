import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { redirectWithFlash } from '~/utils/flash.server'
import { readForm } from '~/utils/request.server'
import { destroyUserSession } from '~/utils/session.server'

export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request)
  return redirectWithFlash(request, '/', 'flash.loggedOut', { 'Set-Cookie': await destroyUserSession(request) })
}
