import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../schema'

/** Repositories take either the connection or a transaction: the caller owns the transaction. */
export type Executor = Kysely<Database> | Transaction<Database>

export const nowIso = () => new Date().toISOString()
