import type { TestProject } from 'vitest/node'
import pg from 'pg'
import { migrateToLatest, openPostgres } from '../../db/client.server'
import { startPostgres } from './postgres-cluster'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string
    postgresTemplate: string
  }
}

/**
 * The PostgreSQL twin of template-db.ts: a throwaway server for this run, one migrated template database, and
 * each test file gets its own database created from it (tests/setup/db-per-file-postgres.ts).
 */
export default async function buildPostgresTemplate(project: TestProject) {
  const server = await startPostgres()
  const template = `award_template_${process.pid}`
  const admin = new pg.Client({ connectionString: server.adminUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${template}`)
  await admin.query(`create database ${template}`)
  await admin.end()
  const db = openPostgres(server.urlOf(template))
  await migrateToLatest(db)
  await db.destroy()
  project.provide('postgresAdminUrl', server.adminUrl)
  project.provide('postgresTemplate', template)
  return async () => {
    const cleanup = new pg.Client({ connectionString: server.adminUrl })
    await cleanup.connect()
    await cleanup.query(`drop database if exists ${template}`)
    await cleanup.end()
    server.stop()
  }
}
