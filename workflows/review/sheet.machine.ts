import { setup } from 'xstate'

/**
 * A reviewer's score sheet: saved as a draft any number of times, submitted once, then read-only.
 * Submission needs every item scored and every category commented: the service counts, the guard decides.
 */
export type SheetEvent =
  | { type: 'SAVE' }
  | { type: 'SUBMIT'; scoredItems: number; totalItems: number; commentedCategories: number; totalCategories: number }

export const sheetMachine = setup({
  types: { events: {} as SheetEvent },
  guards: {
    complete: ({ event }) =>
      event.type === 'SUBMIT' &&
      event.totalItems > 0 &&
      event.scoredItems === event.totalItems &&
      event.commentedCategories === event.totalCategories,
  },
}).createMachine({
  id: 'scoreSheet',
  initial: 'draft',
  states: {
    draft: {
      on: {
        SAVE: { target: 'draft' },
        SUBMIT: { target: 'submitted', guard: 'complete' },
      },
    },
    submitted: { type: 'final' },
  },
})

export type SheetStatus = 'draft' | 'submitted'

export function sheetSnapshot(status: SheetStatus) {
  return sheetMachine.resolveState({ value: status, context: undefined })
}
