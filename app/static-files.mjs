/**
 * Static files of the client build, served without asking the disk about every page. express.static looks each
 * request's path up on disk, so every page paid two failed file lookups (and the error objects they make) before
 * Remix saw it (issue 19). The build does not change while the server runs: the files copied from public/ are
 * listed once at start, and only their paths and those under assets/ reach express.static.
 */
import fs from 'node:fs'
import path from 'node:path'
import express from 'express'

/** Every file under `dir` except assets/ and hidden ones, as URL paths under `publicPath`. */
function listPublicFiles(dir, publicPath) {
  /** @type {Set<string>} */
  const paths = new Set()
  const walk = (folder, prefix) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue
      const urlPath = `${prefix}${entry.name}`
      if (entry.isDirectory()) {
        if (urlPath !== `${publicPath}assets`) walk(path.join(folder, entry.name), `${urlPath}/`)
      } else paths.add(urlPath)
    }
  }
  walk(dir, publicPath)
  return paths
}

/**
 * Vite fingerprints what it puts in assets/: cached for good. Files copied from public/ keep their names: an hour,
 * so a changed stylesheet reaches users the same day.
 * @param {string} dir the client build's folder
 * @param {string} publicPath where it is served, ending in '/'
 * @returns {import('express').Router} to mount at `publicPath`
 */
export function staticFiles(dir, publicPath) {
  const publicFiles = listPublicFiles(dir, publicPath)
  const copied = express.static(dir, { maxAge: '1h' })
  const router = express.Router()
  router.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '1y' }))
  router.use((req, res, next) => (publicFiles.has(req.baseUrl + req.path) ? copied(req, res, next) : next()))
  return router
}
