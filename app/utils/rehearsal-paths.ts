/**
 * The pages that always work on the award itself, in a rehearsal too (decision record 0035): signing in and out,
 * the account (it is the award's, not the copy's), and the register of rehearsals, where one is entered and left.
 */
const awardOnly = /^\/(login|logout|register|account|password|reset|healthz|admin\/rehearsals)(\/|$|\.)/

export function isAwardOnlyPath(pathname: string): boolean {
  return awardOnly.test(pathname)
}
