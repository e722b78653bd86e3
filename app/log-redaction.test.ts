import { describe, expect, it } from 'vitest'
import { redactUrl } from './log-redaction.mjs'

describe('the request log', () => {
  it('masks the tokens of password and registration links and secret query parameters, and keeps every other path', () => {
    const token = 'Qm9ndXNUb2tlbkZvclRlc3RpbmdPbmx5MTIzNDU2Nzg'
    const cases: Array<[string, string]> = [
      [`/password/${token}`, '/password/[redacted]'],
      [`/password/${token}?_data=routes%2Fpassword.%24token`, '/password/[redacted]?_data=routes%2Fpassword.%24token'],
      [`/PASSWORD/${token}`, '/password/[redacted]'],
      ['/password/forgot', '/password/forgot'],
      [`/register/confirm/${token}`, '/register/confirm/[redacted]'],
      [`/register/confirm/${token}?_data=x`, '/register/confirm/[redacted]?_data=x'],
      ['/register', '/register'],
      ['/password/forgot?_data=routes%2Fpassword.forgot', '/password/forgot?_data=routes%2Fpassword.forgot'],
      [`/x?token=${token}&page=2`, '/x?token=[redacted]&page=2'],
      [`/x?Password=hunter2`, '/x?Password=[redacted]'],
      ['/admin/applications/12?tab=scores', '/admin/applications/12?tab=scores'],
      ['/', '/'],
    ]
    for (const [url, logged] of cases) {
      expect(redactUrl(url), url).toBe(logged)
      if (url.includes(token)) expect(redactUrl(url)).not.toContain(token)
    }
  })
})
