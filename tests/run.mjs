#!/usr/bin/env node
// `npm test`: finds Chromium for the browser tests (installing Debian's package when it may), then runs
// every test (unit, integration on SQLite, routes, and the browser journey) in one vitest run.
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

function isDebian() {
  return fs.existsSync('/etc/debian_version') && spawnSync('which', ['apt-get']).status === 0
}

if (!fs.existsSync(chromium)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  if (root && isDebian()) {
    console.log(`Chromium not found at ${chromium}: installing Debian's chromium package (and CJK fonts for screenshots)...`)
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk'], { stdio: 'inherit', env })
  } else {
    console.error(
      `Chromium is needed for the browser tests and was not found at ${chromium}.\n` +
        `Install it (Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk) or point CHROMIUM_PATH at a Chromium binary.`,
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

const result = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(result.status ?? 1)
