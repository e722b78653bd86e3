import type { DeskFilter } from '#db/repositories/applications'
import { applicationStatuses } from '#workflows/application/application.machine'

/** The desk's filter from its URL (status, category, search), anything unknown dropped: the page and its export share it. */
export function deskFilterOf(params: URLSearchParams, categoryCodes: readonly string[]): Required<Pick<DeskFilter, 'search'>> & DeskFilter {
  const status = params.get('status')
  const category = params.get('category')
  return {
    status: status && applicationStatuses.includes(status as never) ? status : undefined,
    category: category && categoryCodes.includes(category) ? category : undefined,
    search: (params.get('q') ?? '').trim().slice(0, 100),
  }
}
