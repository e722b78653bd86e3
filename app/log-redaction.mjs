/**
 * What the request log may keep of a URL. A password link's token is a key to an account for an hour (a reset)
 * or a week (an invitation), a registration link's creates an account for a day: whoever reads the log could use
 * them, so they are masked, as are query parameters that
 * carry secrets. The path otherwise stays, for reading the log.
 */
const secretParameters = new Set(['token', 'password', 'session', 'csrf', 'key'])

/** @param {string} url the request's path and query, as the server saw it */
export function redactUrl(url) {
  const queryAt = url.indexOf('?')
  const pathPart = queryAt < 0 ? url : url.slice(0, queryAt)
  const path = pathPart
    .replace(/^\/password\/(?!forgot(?:$|[/.]))[^/]+/i, '/password/[redacted]')
    .replace(/^\/register\/confirm\/[^/]+/i, '/register/confirm/[redacted]')
  if (queryAt < 0) return path
  const query = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=')[0] ?? ''
      let decoded = name
      try {
        decoded = decodeURIComponent(name)
      } catch {
        // an undecodable name is kept as sent
      }
      return secretParameters.has(decoded.toLowerCase()) ? `${name}=[redacted]` : pair
    })
    .join('&')
  return `${path}?${query}`
}
