/**
 * Errors a workflow raises. Each carries an i18n message key: routes turn them into a 4xx answer with the
 * message in the user's language; none of them is ever a 500.
 */
export class WorkflowError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 410 | 413,
    readonly messageKey: string,
    detail?: string,
    /** Values for the message's placeholders, e.g. { quota: 2 }. */
    readonly vars: Record<string, string | number> = {},
    /** The form field the refusal is about, when there is one: the page shows the message beside it. */
    readonly field?: string,
  ) {
    super(detail ?? messageKey)
    this.name = 'WorkflowError'
  }
}

/** A refusal about one field of the form (a reason left empty, a level without room). */
export const fieldRefusal = (
  field: string,
  status: 400 | 409,
  messageKey: string,
  vars: Record<string, string | number> = {},
) => new WorkflowError(status, messageKey, undefined, vars, field)

export const notFound = () => new WorkflowError(404, 'errors.notFound')
export const forbidden = () => new WorkflowError(403, 'errors.forbidden')
export const notAllowedNow = (event: string, state: string) =>
  new WorkflowError(409, 'errors.notAllowedNow', `${event} is not allowed in ${state}`)
export const staleVersion = () => new WorkflowError(409, 'errors.staleVersion')
