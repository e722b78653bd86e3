import { describe, expect, it } from 'vitest'
import {
  draftSchemas,
  readDraftDeclarations,
  readDraftProfile,
  readDraftSelfAssessment,
} from '#workflows/application/application-draft.schema'

describe('a draft is incomplete at most, never ill-typed', () => {
  it('keeps only the known fields of a profile, each a string, with exactly three financial years', () => {
    const parsed = draftSchemas.profile.parse({
      registeredAddress: '深圳市',
      status: 'published',
      role: 'admin',
      finances: [undefined, null, { revenue: '5', x: 1 }, {}],
      industry: 'mining',
    })
    expect(parsed).toEqual({
      registeredAddress: '深圳市',
      registrationDate: '',
      legalRepresentative: '',
      industry: '',
      employees: '',
      finances: [
        { year: expect.any(String), revenue: '', profit: '' },
        { year: expect.any(String), revenue: '', profit: '' },
        { year: '', revenue: '5', profit: '' },
      ],
    })
  })

  it('refuses text over its limit when saving, with the field named', () => {
    const result = draftSchemas.profile.safeParse({ registeredAddress: 'x'.repeat(201) })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]).toMatchObject({ path: ['registeredAddress'], message: 'errors.tooLong' })
  })

  it('reads any stored row, old or broken, as well-typed values', () => {
    for (const json of [null, '', 'not json', '[]', '"x"', '{"finances":null}', '{"finances":[null,3]}']) {
      const profile = readDraftProfile(json)
      expect(profile.finances).toHaveLength(3)
      for (const year of profile.finances) expect(typeof year.revenue).toBe('string')
    }
    expect(readDraftDeclarations('{"noPenalty":null,"goodCredit":{"answer":7,"explanation":"x"},"other":1}')).toEqual({
      noPenalty: { answer: '', explanation: '' },
      goodCredit: { answer: '', explanation: 'x' },
    })
    expect(readDraftSelfAssessment('{"sections":[null,5,"text"]}')).toEqual({
      sections: ['', '', 'text'],
      selfScores: [],
    })
    // Self-scores: a 5 % step as a string, anything else read as not scored.
    expect(readDraftSelfAssessment('{"sections":[],"selfScores":["70",33,"33","",null,"100"]}')).toEqual({
      sections: [],
      selfScores: ['70', '', '', '', '', '100'],
    })
  })
})
