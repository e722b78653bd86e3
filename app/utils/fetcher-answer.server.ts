import { json } from '@remix-run/node'
import type { MessageKey } from '~/i18n'
import { redirectWithFlash } from './flash.server'
import { workflowFailure } from './http.server'

/**
 * The answers of a route a page posts to through a fetcher (an upload beside a form being filled in). With
 * JavaScript the fetcher gets JSON and the page shows it in place, nothing typed lost; without JavaScript the
 * browser posted the form itself and would show that JSON as raw text, so it is sent back to the page instead, with
 * the outcome (or the refusal) as the page's one-time message.
 */
export function fetcherAnswers(request: Request) {
  const inPlace = new URL(request.url).searchParams.has('_data')
  // A browser posting the form itself asks for a page; a script or a client of the route asks for data, and gets it.
  const wantsPage = !inPlace && (request.headers.get('accept') ?? '').includes('text/html')
  return {
    done: (back: string, messageKey: MessageKey) =>
      inPlace ? json({ ok: true }) : redirectWithFlash(request, back, messageKey),
    /** A refusal: a thrown or returned error Response, or a workflow's error. */
    async refused(back: string, error: unknown): Promise<Response> {
      const response = error instanceof Response ? error : workflowFailure(error)
      if (!wantsPage || response.status < 400) return response
      const body = (await response
        .clone()
        .json()
        .catch(() => ({}))) as { messageKey?: MessageKey }
      return redirectWithFlash(request, back, body.messageKey ?? 'errors.generic')
    },
  }
}
