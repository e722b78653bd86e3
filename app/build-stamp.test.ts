import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { buildIsCurrent, sourcesHash, stampFile } from './build-stamp.mjs'

const made: string[] = []
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'award-stamp-'))
  made.push(root)
  for (const [file, text] of Object.entries({
    'app/root.tsx': 'export default 1',
    'app/routes/_index.tsx': 'export default 2',
    'app/routes/_index.test.tsx': 'test',
    'workflows/time.ts': 'export const a = 1',
    'package-lock.json': '{}',
    'build/server/index.js': '',
  })) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    fs.writeFileSync(path.join(root, file), text)
  }
  return root
}

describe('the build stamp (npm start builds only when the sources changed)', () => {
  it('finds the build current until a source it reads changes, by content', () => {
    const root = project()
    expect(buildIsCurrent(root, sourcesHash(root))).toBe(false)
    fs.writeFileSync(stampFile(root), sourcesHash(root))
    expect(buildIsCurrent(root, sourcesHash(root))).toBe(true)
    // Touching a file without changing it, or changing a test, needs no rebuild.
    fs.utimesSync(path.join(root, 'app/root.tsx'), new Date(0), new Date(0))
    fs.writeFileSync(path.join(root, 'app/routes/_index.test.tsx'), 'another test')
    expect(buildIsCurrent(root, sourcesHash(root))).toBe(true)
    fs.writeFileSync(path.join(root, 'workflows/time.ts'), 'export const a = 2')
    expect(buildIsCurrent(root, sourcesHash(root))).toBe(false)
  })

  it('sees a new file, a renamed one and a changed lock file', () => {
    const root = project()
    const before = sourcesHash(root)
    fs.renameSync(path.join(root, 'app/root.tsx'), path.join(root, 'app/layout.tsx'))
    const renamed = sourcesHash(root)
    expect(renamed).not.toBe(before)
    fs.writeFileSync(path.join(root, 'app/routes/new.tsx'), 'export default 3')
    const added = sourcesHash(root)
    expect(added).not.toBe(renamed)
    fs.writeFileSync(path.join(root, 'package-lock.json'), '{"lockfileVersion":3}')
    expect(sourcesHash(root)).not.toBe(added)
  })

  it('wants a build when there is none, whatever the stamp says', () => {
    const root = project()
    fs.writeFileSync(stampFile(root), sourcesHash(root))
    fs.rmSync(path.join(root, 'build/server/index.js'))
    expect(buildIsCurrent(root, sourcesHash(root))).toBe(false)
  })
})
