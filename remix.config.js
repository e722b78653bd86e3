/**
 * Remix options, in one place. vite.config.ts hands this object to the Remix Vite plugin,
 * so the future flags and the route convention are not repeated anywhere else.
 * @type {import('@remix-run/dev').VitePluginConfig}
 */
export default {
  appDirectory: 'app',
  serverModuleFormat: 'esm',
  // Files beside routes that start with "__" are helpers, tests are never routes.
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}', '**/__*.*'],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // The whole route manifest (54 routes, 3 KB gzipped) is one fingerprinted file the browser caches for good.
    // Lazy discovery instead matched every parent path of the page against all routes on every render (a tenth
    // of a page's CPU, issue 19) and asked the server for more manifest on navigation. Decision record 0021.
    v3_lazyRouteDiscovery: false,
    // Single fetch changes how loaders' headers and data reach the browser (turbo-stream instead of JSON); the
    // app keeps Remix 2's data requests until it moves to React Router 7. Stated, so the build does not warn.
    v3_singleFetch: false,
  },
}
