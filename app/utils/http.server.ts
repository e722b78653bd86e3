import { json } from '@remix-run/node'
import type { MessageKey } from '~/i18n'
import { isStorageUnavailable } from '#db/storage-unavailable'
import { WorkflowError } from '#workflows/errors'

/** What every refused request carries: a message key the page translates, never a stack trace. */
export interface ErrorData {
  messageKey: MessageKey
  vars?: Record<string, string | number>
  fieldErrors?: Record<string, string>
  /** On a long page of several forms: the part of the page (its element id) whose form was refused. */
  panel?: string
}

/** The same refusal with more for the page to show it by (its panel, what the user typed); anything else as it is. */
export async function refusalWith(response: Response, extra: Record<string, unknown>): Promise<Response> {
  if (response.status < 400 || !(response.headers.get('content-type') ?? '').includes('application/json'))
    return response
  const body = (await response.json()) as ErrorData
  return json({ ...body, ...extra }, { status: response.status, headers: response.headers })
}

/** The same refusal, marked with the panel whose form it answers, so the page shows it there. */
export function inPanel(response: Response, panel: string): Promise<Response> {
  return refusalWith(response, { panel })
}

export function httpError(status: number, messageKey: MessageKey, init: ResponseInit = {}): Response {
  return json<ErrorData>({ messageKey }, { ...init, status })
}

/** A form's answer when its input is refused: 400 with the field errors, the page re-renders them. */
export function fieldErrors(errors: Record<string, string>, messageKey: MessageKey = 'errors.required') {
  return json<ErrorData>({ messageKey, fieldErrors: errors }, { status: 400 })
}

/** Turns a workflow refusal into a 4xx answer for the form that caused it; rethrows anything else. */
export function workflowFailure(error: unknown) {
  // Returned, not thrown: the form stays on the page with what the user typed, and the message says to retry.
  if (isStorageUnavailable(error)) {
    return json<ErrorData>(
      { messageKey: error.messageKey },
      { status: 503, headers: { 'Retry-After': error.headers.get('Retry-After') ?? '2' } },
    )
  }
  if (error instanceof WorkflowError) {
    // The message key and its values only: the detail names internal states and stays on the server.
    const fields = error.field ? { fieldErrors: { [error.field]: error.messageKey } } : {}
    return json<ErrorData>(
      { messageKey: error.messageKey as MessageKey, vars: error.vars, ...fields },
      { status: error.status },
    )
  }
  throw error
}
