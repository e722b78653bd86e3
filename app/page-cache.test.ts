import { describe, expect, it } from 'vitest'
import { fillTemplate, isFresh, onlyHarmlessCookies, publicPagePaths, toTemplate } from './page-cache.mjs'

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

  it('only to visitors whose cookies cannot change the page', () => {
    expect(onlyHarmlessCookies(undefined)).toBe(true)
    expect(onlyHarmlessCookies('__csrf=abc; lang=ImVuIg%3D%3D')).toBe(true)
    expect(onlyHarmlessCookies('__csrf=abc; __session=xyz')).toBe(false)
    expect(onlyHarmlessCookies('__flash=abc')).toBe(false)
    expect(onlyHarmlessCookies('__login2=abc')).toBe(false)
    expect(onlyHarmlessCookies('tracking')).toBe(false)
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
      'routes/admin': { id: 'routes/admin', parentId: 'root', path: 'admin', module: {} },
      'routes/login': { id: 'routes/login', parentId: 'root', path: 'login', module: { handle: { other: true } } },
    }
    expect([...publicPagePaths(routes)].sort()).toEqual(['/', '/results'])
  })
})
