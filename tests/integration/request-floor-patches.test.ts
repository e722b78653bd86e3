/**
 * The request-floor patches of decision record 0037 (app/patches) take work off every page without changing what a
 * loader or a page sees: a loader is handed the request itself when stripping the `index` and `_data` parameters
 * would leave its URL as it is (and a stripped copy exactly as before otherwise), a build's route modules are gathered once, and a
 * request's URL is formatted once, and a link to an absolute path is resolved once. Each is compared with the packages' own unpatched ES module builds, which the
 * server does not load.
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import url from 'node:url'
import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
type Loader = (args: { request: Request }) => unknown
type CallRouteLoader = (args: {
  loadContext: object
  loader: Loader
  params: object
  request: Request
  routeId: string
  singleFetch: boolean
}) => Promise<unknown>
const runtimeDist = path.dirname(require.resolve('@remix-run/server-runtime'))
const patched: { callRouteLoader: CallRouteLoader } = require(path.join(runtimeDist, 'data.js'))
const original: { callRouteLoader: CallRouteLoader } = await import(
  url.pathToFileURL(path.join(runtimeDist, 'esm', 'data.js')).href
)
const patchedEntry: { createEntryRouteModules: (manifest: object) => Record<string, unknown> } = require(
  path.join(runtimeDist, 'entry.js'),
)
const webFetch: { Request: typeof Request } = require('@remix-run/web-fetch')
type RouterBuild = typeof import('react-router')
const routerDist = path.dirname(require.resolve('react-router'))
// The server loads React Router's production build (patched); its ES module build is the original.
const patchedRouter: RouterBuild = require(path.join(routerDist, 'umd', 'react-router.production.min.js'))
const originalRouter: RouterBuild = await import(url.pathToFileURL(path.join(routerDist, 'index.js')).href)
const React: typeof import('react') = require('react')
const { renderToString }: typeof import('react-dom/server') = require('react-dom/server')

/** The request a loader is handed for this one, by the given build of callRouteLoader. */
async function seenByLoader(call: CallRouteLoader, request: Request): Promise<Request> {
  let seen: Request | undefined
  await call({
    loadContext: {},
    params: {},
    request,
    routeId: 'routes/probe',
    singleFetch: false,
    loader: ({ request }) => {
      seen = request
      return null
    },
  })
  return seen!
}

const urls = [
  'http://award.example/',
  'http://award.example/admin/applications/7',
  'http://award.example/results?year=2026',
  'http://award.example/admin?index',
  'http://award.example/admin?index&_data=routes%2Fadmin._index',
  'http://award.example/admin?_data=root&status=draft',
  'http://award.example/admin?index=1&index=&year=2026',
  'http://award.example/indexes/_data?indexed=yes',
  'http://award.example/notice?q=%E7%94%B3%E6%8A%A5&_data=routes%2Fnotice',
  'http://award.example/?',
  'http://award.example/admin?sort',
  'http://award.example/results?q=a+b%20c&year=',
  'http://award.example/results?q=%zz',
]

describe('what a loader is handed', () => {
  it.each(urls)('for %s: the URL, method and headers it had before the patch', async (href) => {
    const make = () => new webFetch.Request(href, { headers: { cookie: 'lang=en', 'accept-language': 'en' } })
    const now = await seenByLoader(patched.callRouteLoader, make())
    const before = await seenByLoader(original.callRouteLoader, make())
    expect(now.url).toBe(before.url)
    expect(now.method).toBe(before.method)
    expect([...now.headers]).toEqual([...before.headers])
  })

  it('is the request itself when there is nothing to strip, so the page’s loaders share it', async () => {
    const request = new webFetch.Request('http://award.example/admin/ranking?sort=score')
    expect(await seenByLoader(patched.callRouteLoader, request)).toBe(request)
    const withData = new webFetch.Request('http://award.example/admin/ranking?_data=root')
    expect(await seenByLoader(patched.callRouteLoader, withData)).not.toBe(withData)
  })
})

describe('the route modules of a build', () => {
  it('are gathered once per build, and a new build gets its own', () => {
    const home = { default: () => null }
    const results = { default: () => null }
    const manifest = { root: { module: home }, 'routes/results': { module: results } }
    const first = patchedEntry.createEntryRouteModules(manifest)
    expect(first).toEqual({ root: home, 'routes/results': results })
    expect(patchedEntry.createEntryRouteModules(manifest)).toBe(first)
    const rebuilt = { root: { module: home }, 'routes/results': { module: { default: () => null } } }
    const second = patchedEntry.createEntryRouteModules(rebuilt)
    expect(second).not.toBe(first)
    expect(second['routes/results']).toBe(rebuilt['routes/results'].module)
  })
})

describe('a request’s URL', () => {
  it.each(urls)('%s reads as WHATWG formats it, every time, and a copy with another URL has its own', (href) => {
    const request = new webFetch.Request(href)
    expect(request.url).toBe(new URL(href).href)
    expect(request.url).toBe(new URL(href).href)
    const copy = new webFetch.Request('http://award.example/other?x=1', request)
    expect(copy.url).toBe('http://award.example/other?x=1')
    expect(new webFetch.Request(request).url).toBe(request.url)
  })
})

describe('a link’s resolved path', () => {
  /** What useResolvedPath and useHref give for each `to`, on a page at `at` inside nested routes. */
  function resolved(router: RouterBuild, at: string, targets: string[], relative?: 'path' | 'route') {
    const seen: unknown[] = []
    function Probe() {
      for (const to of targets)
        seen.push([to, router.useResolvedPath(to, { relative }), router.useHref(to, { relative })])
      return null
    }
    const e = React.createElement
    // The plain Router, as a server renders with (MemoryRouter's effects would warn on a server).
    const navigator = {
      createHref: (to: { pathname?: string; search?: string; hash?: string }) =>
        `${to.pathname ?? ''}${to.search ?? ''}${to.hash ?? ''}`,
      go() {},
      push() {},
      replace() {},
    }
    renderToString(
      e(
        router.Router,
        { location: at, navigator },
        e(
          router.Routes,
          null,
          e(
            router.Route,
            { path: 'admin' },
            e(router.Route, { path: 'applications/:id', element: e(Probe) }),
            e(router.Route, { path: 'files/*', element: e(Probe) }),
            e(router.Route, { index: true, element: e(Probe) }),
          ),
        ),
      ),
    )
    return seen
  }

  const targets = [
    '/admin/ranking',
    '/admin/applications/7?tab=scores#top',
    '/',
    '//admin',
    '/admin/../notice',
    '/admin/ranking/',
    'scores',
    './scores',
    '../8',
    '..',
    '.',
    '',
    '?tab=2',
    '#part',
  ]
  it.each(['/admin', '/admin/', '/admin/applications/7', '/admin/applications/7/', '/admin/files/a/b'])(
    'on %s, as the unpatched router resolves it',
    (at) => {
      for (const relative of [undefined, 'path', 'route'] as const) {
        const now = resolved(patchedRouter, at, targets, relative)
        expect(now).toHaveLength(targets.length)
        expect(now).toEqual(resolved(originalRouter, at, targets, relative))
      }
    },
  )
})
