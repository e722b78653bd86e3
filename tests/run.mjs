#!/usr/bin/env node
// `npm test`: finds Chromium, the CJK fonts and PostgreSQL (installing Debian's packages when it may), then runs
// the type check and the lint, then every test (unit, integration and routes on SQLite and again on PostgreSQL,
// and the browser journeys) in one vitest run, then the browser journeys again on PostgreSQL.
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

function isDebian() {
  return fs.existsSync('/etc/debian_version') && spawnSync('which', ['apt-get']).status === 0
}

// Debian's packages the tests need: Chromium for the browser tests, Noto CJK for the PDFs (the application and
// the feedback report embed it) and for screenshots in Chinese, PostgreSQL for the second database.
const cjkFont = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
// PostgreSQL's server programs for the suites that run on PostgreSQL too (tests/setup/postgres-cluster.ts starts a
// throwaway server with them); not needed when POSTGRES_TEST_URL names a server.
const postgresInstalled =
  process.env.POSTGRES_TEST_URL ||
  (fs.existsSync('/usr/lib/postgresql') &&
    fs.readdirSync('/usr/lib/postgresql').some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)))
const missing = [
  ...(fs.existsSync(chromium) ? [] : ['chromium']),
  ...(postgresInstalled ? [] : ['postgresql']),
  ...(process.env.PDF_FONT_REGULAR || fs.existsSync(cjkFont) ? [] : ['fonts-noto-cjk']),
]
if (missing.length > 0) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  if (root && isDebian()) {
    console.log(`Installing Debian's ${missing.join(' and ')} for the tests...`)
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env })
  } else {
    console.error(
      `The tests need ${missing.join(' and ')}, not found on this machine.\n` +
        `Install them (Debian/Ubuntu: sudo apt-get install ${missing.join(' ')}), or point CHROMIUM_PATH at a Chromium binary ` +
        `and PDF_FONT_REGULAR / PDF_FONT_BOLD at CJK fonts.`,
    )
    process.exit(1)
  }
}

// Types first: a type error is a failing test, and it is cheaper to find here than in the browser.
const typecheck = spawnSync('npx', ['tsc', '--noEmit'], { stdio: 'inherit' })
if (typecheck.status !== 0) {
  console.error('Type check failed.')
  process.exit(typecheck.status ?? 1)
}

// The house style next: ESLint's rules and Prettier's layout (`npm run format` fixes the latter).
const lint = spawnSync('npm', ['run', '--silent', 'lint'], { stdio: 'inherit' })
if (lint.status !== 0) {
  console.error('Lint failed: see above (npm run format fixes layout).')
  process.exit(lint.status ?? 1)
}

const args = process.argv.slice(2)
const result = spawnSync('npx', ['vitest', 'run', ...args], { stdio: 'inherit' })
if (result.status !== 0 || args.length > 0) process.exit(result.status ?? 1)

// The browser suite again, on PostgreSQL (issue 20): the same journeys against a production server on a throwaway
// PostgreSQL server (tests/e2e/server.ts), on the build the first run made.
console.log('\nThe browser suite on PostgreSQL:')
const onPostgres = spawnSync('npx', ['vitest', 'run', '--project', 'browser'], {
  stdio: 'inherit',
  env: { ...process.env, E2E_DATABASE: 'postgres', E2E_SKIP_BUILD: '1' },
})
process.exit(onPostgres.status ?? 1)
