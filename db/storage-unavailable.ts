/**
 * Storage could not take a request: another writer held the database lock past our bound ('busy'), or the disk
 * holding the database or the evidence files is full ('full'). Either way nothing was written.
 *
 * It is a 503 Response on purpose: Remix answers a thrown Response with its status, so whichever loader or
 * action meets it (the root loader's session touch included) answers 503 with a message in the user's
 * language, without every route knowing about SQLite. Forms catch it (workflowFailure) to keep what the
 * user typed on the page. See docs/decisions/0008-database-unavailable.md.
 */
export type Unavailability = 'busy' | 'full'

const retryAfterSeconds: Record<Unavailability, number> = { busy: 2, full: 60 }

export const unavailableMessageKey = { busy: 'errors.busy', full: 'errors.storageFull' } as const

export class StorageUnavailable extends Response {
  readonly reason: Unavailability
  readonly messageKey: (typeof unavailableMessageKey)[Unavailability]

  constructor(
    reason: Unavailability,
    readonly detail: string,
  ) {
    super(JSON.stringify({ messageKey: unavailableMessageKey[reason] }), {
      status: 503,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Retry-After': String(retryAfterSeconds[reason]),
        'Cache-Control': 'no-store',
      },
    })
    this.reason = reason
    this.messageKey = unavailableMessageKey[reason]
  }
}

export function isStorageUnavailable(error: unknown): error is StorageUnavailable {
  return error instanceof StorageUnavailable
}
