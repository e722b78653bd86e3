import { describe, expect, it } from 'vitest'
import {
  cookiesOf,
  copyKindOf,
  fillTemplate,
  isFresh,
  publicPagePaths,
  signedInPagePatterns,
  toTemplate,
} from './page-cache.mjs'

describe('a kept page as a template', () => {
  const nonce = 'n0nce+/AAAAAAAAAAAAAAA=='
  const token = 'tok_en-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB'
  const page = `<script nonce="${nonce}">x</script><input name="csrf" value="${token}"><script nonce="${nonce}">{"csrf":"${token}"}</script>`

  it('cuts out every occurrence of each secret and fills in the next response’s own', () => {
    const template = toTemplate(page, [nonce, token])
    expect(template.slots).toEqual([0, 1, 0, 1])
    expect(template.parts.join('')).not.toContain(nonce)
    expect(template.parts.join('')).not.toContain(token)
    expect(fillTemplate(template, [nonce, token])).toBe(page)
    const next = fillTemplate(template, ['other-nonce', 'other-token'])
    expect(next).toBe(page.replaceAll(nonce, 'other-nonce').replaceAll(token, 'other-token'))
  })

  it('keeps a text without the secrets whole, as one part', () => {
    const template = toTemplate('<p>公示</p>', [nonce, token])
    expect(template).toEqual({ parts: ['<p>公示</p>'], slots: [] })
    expect(fillTemplate(template, ['a', 'b'])).toBe('<p>公示</p>')
  })
})

describe('when a kept page may be served', () => {
  const kept = { version: 's7', at: 1_000 }
  it('only on the same database version and within its time to live', () => {
    expect(isFresh(kept, 's7', 1_999, 1_000)).toBe(true)
    expect(isFresh(kept, 's7', 2_000, 1_000)).toBe(false)
    expect(isFresh(kept, 's8', 1_001, 1_000)).toBe(false)
    expect(isFresh(undefined, 's7', 1_001, 1_000)).toBe(false)
  })

  it('a signed-in page only before its session ends, however fresh otherwise', () => {
    const ofSession = { version: 's7', at: 1_000, until: 1_500 }
    expect(isFresh(ofSession, 's7', 1_499, 1_000)).toBe(true)
    expect(isFresh(ofSession, 's7', 1_500, 1_000)).toBe(false)
  })

  it('as a public page only to visitors whose cookies cannot change the page', () => {
    const kind = (header?: string) => copyKindOf(cookiesOf(header), '__session')
    expect(kind(undefined)).toEqual({ kind: 'public' })
    expect(kind('__csrf=abc; lang=ImVuIg%3D%3D')).toEqual({ kind: 'public' })
    expect(kind('__flash=abc')).toBeUndefined()
    expect(kind('__login2=abc')).toBeUndefined()
    expect(kind('tracking')).toBeUndefined()
  })

  it('as a signed-in page only with the session and harmless cookies, under that session', () => {
    const kind = (header?: string) => copyKindOf(cookiesOf(header), '__session')
    expect(kind('__csrf=abc; __session=xyz; lang=ImVuIg%3D%3D')).toEqual({ kind: 'signedIn', session: 'xyz' })
    // A message to show, a rehearsal, a sign-in in progress: rendered, never from a copy.
    expect(kind('__session=xyz; __flash=abc')).toBeUndefined()
    expect(kind('__session=xyz; __rehearsal=abc')).toBeUndefined()
    expect(kind('__session=xyz; __login2=abc')).toBeUndefined()
    // An emptied session cookie (just signed out): rendered, as neither kind.
    expect(kind('__session=; __csrf=abc')).toBeUndefined()
    // A second cookie of the same name does not change whose copy it is: the first counts, as the pages read it.
    expect(kind('__session=xyz; __session=abc')).toEqual({ kind: 'signedIn', session: 'xyz' })
  })
})

describe('which pages are public', () => {
  it('those whose route declares it, by their whole path, and never a path with parameters', () => {
    const routes = {
      root: { id: 'root', path: '' },
      'routes/_index': { id: 'routes/_index', parentId: 'root', index: true, module: { handle: { publicPage: true } } },
      'routes/results': {
        id: 'routes/results',
        parentId: 'root',
        path: 'results',
        module: { handle: { publicPage: true } },
      },
      'routes/notice.$id': {
        id: 'routes/notice.$id',
        parentId: 'root',
        path: 'notice/:id',
        module: { handle: { publicPage: true } },
      },
      // The flat file convention's index route of a folder carries the folder's path.
      'routes/notice._index': {
        id: 'routes/notice._index',
        parentId: 'root',
        path: 'notice',
        index: true,
        module: { handle: { publicPage: true } },
      },
      'routes/admin': { id: 'routes/admin', parentId: 'root', path: 'admin', module: {} },
      'routes/login': { id: 'routes/login', parentId: 'root', path: 'login', module: { handle: { other: true } } },
    }
    expect([...publicPagePaths(routes)].sort()).toEqual(['/', '/notice', '/results'])
  })
})

describe('which signed-in pages may be kept', () => {
  it('those whose route declares it, a parameter matching one segment', () => {
    const routes = {
      root: { id: 'root', path: '' },
      'routes/admin': { id: 'routes/admin', parentId: 'root', path: 'admin', module: {} },
      'routes/admin._index': {
        id: 'routes/admin._index',
        parentId: 'root',
        path: 'admin',
        index: true,
        module: { handle: { signedInPage: true } },
      },
      'routes/admin.applications.$id': {
        id: 'routes/admin.applications.$id',
        parentId: 'routes/admin',
        path: 'applications/:id',
        module: { handle: { signedInPage: true } },
      },
      'routes/admin.cycle': { id: 'routes/admin.cycle', parentId: 'routes/admin', path: 'cycle', module: {} },
      'routes/files.$': {
        id: 'routes/files.$',
        parentId: 'root',
        path: 'files/*',
        module: { handle: { signedInPage: true } },
      },
    }
    const patterns = signedInPagePatterns(routes)
    const kept = (path: string) => patterns.some((pattern) => pattern.test(path))
    expect(kept('/admin')).toBe(true)
    expect(kept('/admin/')).toBe(true)
    expect(kept('/admin/applications/12')).toBe(true)
    expect(kept('/admin/applications/12/scores')).toBe(false)
    expect(kept('/admin/cycle')).toBe(false)
    expect(kept('/files/a/b')).toBe(false)
    expect(kept('/adminx')).toBe(false)
  })
})
