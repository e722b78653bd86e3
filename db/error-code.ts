/** The `code` of a Node or SQLite error (`ENOSPC`, `SQLITE_BUSY`), or '' for anything else thrown. */
export function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : ''
}
