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
    v3_lazyRouteDiscovery: true,
  },
}
