/// <reference types="vitest/config" />
import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'
import tsconfigPaths from 'vite-tsconfig-paths'
import { ByFileName } from './tests/e2e/sequencer'
import remixConfig from './remix.config.js'

// Vitest reads this file too; the Remix plugin is only wanted for the app build and dev server.
const underVitest = Boolean(process.env.VITEST)

/**
 * The suites that run on PostgreSQL too (issue 20; tests/postgres/ on PostgreSQL only), and those about SQLite itself
 * (its file, locks, backup).
 */
const postgresSuites = ['tests/integration/**/*.test.ts', 'tests/routes/**/*.test.ts', 'tests/postgres/**/*.test.ts']
const sqliteOnly = [
  // The SQLite file itself: its pragmas, its write lock, a full disk under it, and its backup (the PostgreSQL
  // backup has its own test).
  'tests/integration/database.test.ts',
  'tests/routes/lock-contention.test.ts',
  'tests/routes/storage-full.test.ts',
  'tests/integration/backup.test.ts',
]

export default defineConfig({
  plugins: [...(underVitest ? [] : [remix(remixConfig)]), tsconfigPaths()],
  server: { port: 3000 },
  build: {
    rollupOptions: {
      onwarn(warning, warn) {
        // Resource routes (downloads, charts, health) have no component, so their browser chunk is empty, as Remix
        // intends; and zod's sources carry comments Rollup cannot place. Neither needs anyone's attention; any
        // other warning still shows.
        if (warning.code === 'EMPTY_BUNDLE') return
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/')) return
        warn(warning)
      },
    },
  },
  test: {
    sequence: { sequencer: ByFileName },
    // expect.poll waits for a page or the server to reach a state; its 1 s default failed a browser test on a busy
    // machine (a poll that would have passed a moment later). A wait, not a speed limit.
    expect: { poll: { timeout: 30_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'workflows/**/*.test.ts',
            'app/**/*.test.{ts,tsx}',
            'db/**/*.test.ts',
            'tests/integration/**/*.test.ts',
            'tests/routes/**/*.test.ts',
          ],
          environment: 'node',
          // A timeout here catches a hang, not slowness: CI is a busy 2-core machine where printing a PDF or
          // spawning a CLI can take several times its usual time, and vitest's 5 s default failed such tests.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          setupFiles: ['tests/setup/db-per-file.ts', 'tests/setup/fail-on-console-error.ts'],
          globalSetup: ['tests/setup/template-db.ts'],
        },
      },
      {
        // The same integration and route tests on PostgreSQL (issue 20): a throwaway server, a database per file.
        extends: true,
        test: {
          name: 'postgres',
          include: postgresSuites,
          exclude: sqliteOnly,
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          setupFiles: ['tests/setup/db-per-file-postgres.ts', 'tests/setup/fail-on-console-error.ts'],
          globalSetup: ['tests/setup/template-postgres.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/server.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
