/**
 * The route-matching patch (app/patches, decision record 0021) keeps ranked branches and compiled patterns between
 * requests and passes over branches whose whole path cannot match. It must match exactly as the unpatched router
 * does: every route of this app, with parameters, trailing and doubled slashes, other letter cases, encoded
 * characters and paths that match nothing, compared with the router's own unpatched ES module build.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import remixConfig from '../../remix.config.js'

const require = createRequire(import.meta.url)
type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] }
type Match = { route: { id: string }; params: Record<string, string | undefined>; pathname: string }
type MatchRoutes = (routes: Route[], location: string) => Match[] | null

const patched: { matchRoutes: MatchRoutes } = require('@remix-run/router')
const original: { matchRoutes: MatchRoutes } = await import(
  // The ES module build is not patched: the server loads the CommonJS one.
  path.join(path.dirname(require.resolve('@remix-run/router')), 'router.js')
)

/** The app's routes as Remix builds them from app/routes. */
function appRoutes(): Route[] {
  const { flatRoutes } = require('@remix-run/dev/dist/config/flat-routes.js') as {
    flatRoutes: (dir: string, ignored: string[]) => Record<string, Route & { parentId?: string }>
  }
  const manifest = flatRoutes('app', remixConfig.ignoredRouteFiles ?? [])
  const childrenOf = (parentId: string): Route[] =>
    Object.values(manifest)
      .filter((route) => route.parentId === parentId)
      .map((route) => {
        const children = childrenOf(route.id)
        return {
          id: route.id,
          path: route.path,
          index: route.index,
          caseSensitive: route.caseSensitive,
          ...(children.length ? { children } : {}),
        }
      })
  return [{ id: 'root', path: '', children: childrenOf('root') }]
}

/** Every route's path with its parameters filled, and variants a browser or a client might send. */
function pathsToTry(routes: Route[]): string[] {
  const paths = new Set<string>([
    '/',
    '//',
    '/nothing-here',
    '/admin/nothing/here/at/all',
    '/%E4%B8%AD%E6%96%87',
    '/a/../admin',
  ])
  const walk = (list: Route[], prefix: string) => {
    for (const route of list) {
      const full = `${prefix}/${route.path ?? ''}`.replace(/\/+/g, '/')
      for (const value of ['7', 'abc', '%E7%94%B3%E6%8A%A5', 'x.pdf']) {
        const filled = full.replace(/:[\w-]+\??/g, value).replace(/\*$/, `${value}/more`)
        for (const variant of [
          filled,
          `${filled}/`,
          `${filled}//`,
          filled.toUpperCase(),
          `${filled}/extra`,
          `//${filled}`,
        ])
          paths.add(variant)
      }
      if (route.children) walk(route.children, full)
    }
  }
  walk(routes, '')
  return [...paths]
}

const summary = (matches: Match[] | null) =>
  matches?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname })) ?? null

describe('the route-matching patch', () => {
  it('is applied to the router the server loads', () => {
    expect(fs.readFileSync(require.resolve('@remix-run/router'), 'utf8')).toContain('function branchMayMatch')
  })

  it('matches every path exactly as the unpatched router does, the first time and from its caches', () => {
    const routes = appRoutes()
    const paths = pathsToTry(routes)
    expect(paths.length).toBeGreaterThan(500)
    let matched = 0
    for (const pathname of paths) {
      const expected = summary(original.matchRoutes(routes, pathname))
      expect(summary(patched.matchRoutes(routes, pathname)), pathname).toEqual(expected)
      expect(summary(patched.matchRoutes(routes, pathname)), pathname).toEqual(expected)
      if (expected) matched++
    }
    // Most of them name a page; some must match nothing.
    expect(matched).toBeGreaterThan(paths.length / 2)
    expect(matched).toBeLessThan(paths.length)
  })
})
