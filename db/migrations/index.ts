import type { Migration, MigrationProvider } from 'kysely'
import * as m0001 from './0001_initial'
import * as m0002 from './0002_gbt19580_2012'

// A static list, not a folder scan, so migrations survive bundling into build/server.
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_gbt19580_2012': m0002,
}

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations
  },
}
