import { z } from 'zod'
import { relationKinds } from '#workflows/experts/conflicts'
import { checkUscc } from '#workflows/application/uscc'
import { industries } from '#workflows/application/application.schema'
import { email, isoDate, optionalText, requiredText } from '#workflows/fields'

export const expertKinds = ['examiner', 'industryExpert'] as const

/** A credit code that may be left empty, but when given must be a valid one. */
const optionalUscc = optionalText(30).refine((value) => value === '' || checkUscc(value).ok, 'errors.usccInvalid')

/** One tie of an expert: a row left wholly empty is no tie. */
const relation = z
  .object({
    kind: z.string().default(''),
    name: optionalText(200),
    uscc: optionalUscc,
    endedOn: z.string().trim().default(''),
  })
  .superRefine((value, ctx) => {
    if (value.name === '' && value.uscc === '' && value.endedOn === '') return
    if (!relationKinds.includes(value.kind as never))
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'errors.choose' })
    if (value.name === '') ctx.addIssue({ code: 'custom', path: ['name'], message: 'errors.required' })
    if (value.endedOn !== '' && !isoDate.safeParse(value.endedOn).success)
      ctx.addIssue({ code: 'custom', path: ['endedOn'], message: 'errors.date' })
  })

export const expertRecordSchema = z.object({
  kind: z.enum(expertKinds, { error: 'errors.choose' }),
  fields: requiredText(200),
  industries: z
    .record(z.string(), z.string())
    .default({})
    .transform((flags) => industries.filter((code) => Object.hasOwn(flags, code))),
  employerName: optionalText(200),
  employerUscc: optionalUscc,
  qualification: optionalText(200),
  active: z
    .string()
    .optional()
    .transform((value) => value === 'on' || value === 'yes'),
  relations: z
    .array(relation)
    .max(30, 'errors.tooLong')
    .default([])
    .transform((rows) =>
      rows
        .filter((r) => r.name !== '')
        .map((r) => ({
          kind: r.kind as (typeof relationKinds)[number],
          name: r.name,
          uscc: r.uscc || null,
          endedOn: r.endedOn || null,
        })),
    ),
})

export const newExpertSchema = expertRecordSchema.extend({
  name: requiredText(60),
  email,
})

/** The form's parsed values as the pool's record. */
export function expertRecordOf(data: z.output<typeof expertRecordSchema>) {
  return {
    kind: data.kind,
    fields: data.fields,
    industries: data.industries,
    employerName: data.employerName,
    employerUscc: data.employerUscc || null,
    qualification: data.qualification,
    active: data.active,
  }
}
