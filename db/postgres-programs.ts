import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

/**
 * Where PostgreSQL's programs are: the folder `pg_config` names, else Debian's versioned folders (newest first),
 * which hold the server programs (initdb, pg_ctl) that are never on the PATH there. Used by the backup
 * (pg_dump, pg_restore) and by the tests' throwaway server.
 */
export function postgresBinDir(programs: readonly string[]): string | undefined {
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' })
  const root = '/usr/lib/postgresql'
  const candidates = [
    ...(fromConfig.status === 0 ? [fromConfig.stdout.trim()] : []),
    ...(fs.existsSync(root)
      ? fs
          .readdirSync(root)
          .sort((a, b) => Number(b) - Number(a))
          .map((version) => path.join(root, version, 'bin'))
      : []),
  ]
  return candidates.find((dir) => programs.every((program) => fs.existsSync(path.join(dir, program))))
}

/** One PostgreSQL program: from those folders, else the PATH, else an error saying what to install. */
export function postgresProgram(name: string, install: string): string {
  const dir = postgresBinDir([name])
  if (dir) return path.join(dir, name)
  if (spawnSync(name, ['--version']).status === 0) return name
  throw new Error(`${name} not found: install ${install}`)
}
