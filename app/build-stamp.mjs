/**
 * Whether the production build is that of the sources as they are now (app/start.mjs builds only when it is not).
 * Decided by content, not by modification times, which a checkout or a copy changes: a hash of every file the
 * build reads (the app, workflows and database code, public files, the configuration, the lock file and the
 * dependency patches under app/patches), kept beside the build in build/.sources.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const sourceFolders = ['app', 'workflows', 'db', 'public']
const sourceFiles = ['package-lock.json', 'package.json', 'vite.config.ts', 'remix.config.js', 'tsconfig.json']

/** Tests are not part of the build, and changing them needs no rebuild. */
const isSource = (name) => !/\.test\.[cm]?[jt]sx?$/.test(name) && !name.startsWith('.')

/** @param {string} folder */
function listFiles(folder) {
  if (!fs.existsSync(folder)) return []
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && isSource(entry.name))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
}

/** @param {string} root the project's folder */
export function sourcesHash(root) {
  const files = [
    ...sourceFolders.flatMap((folder) => listFiles(path.join(root, folder))),
    ...sourceFiles.map((file) => path.join(root, file)).filter((file) => fs.existsSync(file)),
  ].sort()
  const hash = crypto.createHash('sha256')
  for (const file of files)
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0')
  return hash.digest('hex')
}

/** @param {string} root */
export const stampFile = (root) => path.join(root, 'build', '.sources')

/** @param {string} root @param {string} hash */
export function buildIsCurrent(root, hash) {
  const stamp = stampFile(root)
  return (
    fs.existsSync(path.join(root, 'build/server/index.js')) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, 'utf8') === hash
  )
}
