import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * The browser tests share one production server and its demo data, and some of them move the demo's
 * applications on (the journey withdraws the others before its public notice), so they run in a stated
 * order: by file name, the journey last (a test on a copy of the demo data copies it as the journey found it: its
 * file name must sort before the journey's).
 */
export class ByFileName extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId))
  }
}
