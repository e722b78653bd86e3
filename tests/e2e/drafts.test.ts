import { describe, expect, it } from 'vitest'
import { HttpClient } from './client'
import { sharedDatabase } from './demo-db'

/** A draft may be incomplete but never ill-typed: whatever was posted or stored, its pages open. */
const database = sharedDatabase()

async function draftOf(email: string) {
  return (await database.get<{
    id: number
    version: number
    profile: string | null
    declarations: string | null
    self_assessment: string | null
  }>(
    `select a.id, a.version, t.profile, t.declarations, t.self_assessment from applications a join application_texts t on t.application_id = a.id join users u on u.organisation_id = a.organisation_id where u.email = ?`,
    email,
  ))!
}

const applicantEmail = 'apply@pengcheng-electronics.example'
const pages = (id: number) => [
  `/applicant/applications/${id}`,
  ...['profile', 'category', 'eligibility', 'selfAssessment', 'summary'].map(
    (step) => `/applicant/applications/${id}/edit/${step}`,
  ),
]

async function expectPagesOpen(id: number) {
  const applicant = await new HttpClient().login(applicantEmail)
  for (const path of pages(id)) expect((await applicant.page(path)).status, path).toBe(200)
  const admin = await new HttpClient().login('secretariat@award.example')
  expect((await admin.page(`/admin/applications/${id}`)).status).toBe(200)
}

describe('drafts of the wrong shape', () => {
  it('stores only known, well-typed fields from a draft save with holes and foreign fields', async () => {
    const applicant = await new HttpClient().login(applicantEmail)
    const { id, version } = await draftOf(applicantEmail)
    const response = await applicant.post(
      `/applicant/applications/${id}/edit/profile`,
      `intent=draft&version=${version}&finances.2.revenue=5&status=published&role=admin&organisation_id=1&registeredAddress.x=1&employees=12`,
    )
    expect(response.status).toBe(302)
    const stored = JSON.parse((await draftOf(applicantEmail)).profile!) as Record<string, unknown>
    expect(Object.keys(stored).sort()).toEqual([
      'employees',
      'finances',
      'industry',
      'legalRepresentative',
      'registeredAddress',
      'registrationDate',
    ])
    expect(stored.employees).toBe('12')
    expect(stored.registeredAddress).toBe('')
    expect(stored.finances).toEqual([
      { year: expect.any(String), revenue: '', profit: '' },
      { year: expect.any(String), revenue: '', profit: '' },
      { year: expect.any(String), revenue: '5', profit: '' },
    ])
    await expectPagesOpen(id)
  })

  it('opens every page of an application whose stored draft is ill-typed (rows saved before the fix)', async () => {
    const { id } = await draftOf(applicantEmail)
    const rewrite =
      'update application_texts set profile = ?, declarations = ?, self_assessment = ? where application_id = ?'
    await database.run(
      rewrite,
      JSON.stringify({ finances: [null, 3, { revenue: null }], registeredAddress: { x: 1 }, status: 'published' }),
      JSON.stringify({ noPenalty: null, goodCredit: { answer: 7 }, unknown: 1 }),
      JSON.stringify({ sections: [null, 5, { a: 1 }] }),
      id,
    )
    await expectPagesOpen(id)
    await database.run(rewrite, 'not json', '[]', '"x"', id)
    await expectPagesOpen(id)
  })
})
