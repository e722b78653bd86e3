import { Field } from '~/components/field'
import { expertKinds } from '~/forms/expert'
import { industries } from '#workflows/application/application.schema'
import { relationKinds } from '#workflows/experts/conflicts'
import { useT } from '~/hooks/use-i18n'
import { keyOf } from '~/i18n'

export interface ExpertValues {
  kind: string
  fields: string
  industries: readonly string[]
  employerName: string
  employerUscc: string | null
  qualification: string
  active: boolean
  relations: ReadonlyArray<{ kind: string; name: string; uscc: string | null; endedOn: string | null }>
}

/** The expert's record and ties, as the add and edit forms share them; field errors come from the action. */
export function ExpertFields({ values, errors }: { values: ExpertValues; errors: Record<string, string> }) {
  const t = useT()
  // Two empty rows below the ties on record, for new ones.
  const rows = [
    ...values.relations,
    { kind: '', name: '', uscc: null, endedOn: null },
    { kind: '', name: '', uscc: null, endedOn: null },
  ]
  return (
    <>
      <div className="row">
        <Field id="kind" label={t('expert.kind')} error={errors.kind}>
          <select id="kind" name="kind" defaultValue={values.kind}>
            {expertKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`expert.kind.${kind}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="fields" label={t('expert.fields')} error={errors.fields}>
          <input id="fields" name="fields" defaultValue={values.fields} />
        </Field>
        <Field id="qualification" label={t('expert.qualification')} error={errors.qualification}>
          <input id="qualification" name="qualification" defaultValue={values.qualification} />
        </Field>
      </div>
      <fieldset>
        <legend>{t('expert.industries')}</legend>
        {industries.map((code) => (
          <label key={code} className="inline">
            <input type="checkbox" name={`industries.${code}`} defaultChecked={values.industries.includes(code)} />{' '}
            {t(`industry.${code}`)}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <Field id="employerName" label={t('expert.employerName')} error={errors.employerName}>
          <input id="employerName" name="employerName" defaultValue={values.employerName} />
        </Field>
        <Field id="employerUscc" label={t('expert.employerUscc')} error={errors.employerUscc}>
          <input id="employerUscc" name="employerUscc" defaultValue={values.employerUscc ?? ''} />
        </Field>
      </div>
      <label className="inline">
        <input type="checkbox" name="active" defaultChecked={values.active} /> {t('expert.active')}
      </label>
      <fieldset>
        <legend>{t('expert.relations')}</legend>
        <p className="guide">{t('expert.relationsHint')}</p>
        <div className="scroll">
          <table data-testid="relations">
            <thead>
              <tr>
                <th>{t('expert.relationKind')}</th>
                <th>{t('expert.relationName')}</th>
                <th>{t('expert.employerUscc')}</th>
                <th>{t('expert.endedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((relation, i) => (
                <tr key={i}>
                  <td>
                    <select
                      name={`relations.${i}.kind`}
                      defaultValue={relation.kind}
                      aria-label={`${t('expert.relationKind')} ${i + 1}`}
                    >
                      <option value="">—</option>
                      {relationKinds.map((kind) => (
                        <option key={kind} value={kind}>
                          {t(`expert.relation.${kind}`)}
                        </option>
                      ))}
                    </select>
                    {errors[`relations.${i}.kind`] ? (
                      <span className="error">{t(keyOf(errors[`relations.${i}.kind`]!, 'errors.required'))}</span>
                    ) : null}
                  </td>
                  <td>
                    <input
                      name={`relations.${i}.name`}
                      defaultValue={relation.name}
                      aria-label={`${t('expert.relationName')} ${i + 1}`}
                    />
                    {errors[`relations.${i}.name`] ? (
                      <span className="error">{t(keyOf(errors[`relations.${i}.name`]!, 'errors.required'))}</span>
                    ) : null}
                  </td>
                  <td>
                    <input
                      name={`relations.${i}.uscc`}
                      defaultValue={relation.uscc ?? ''}
                      aria-label={`${t('expert.employerUscc')} ${i + 1}`}
                    />
                    {errors[`relations.${i}.uscc`] ? (
                      <span className="error">{t(keyOf(errors[`relations.${i}.uscc`]!, 'errors.required'))}</span>
                    ) : null}
                  </td>
                  <td>
                    <input
                      type="date"
                      name={`relations.${i}.endedOn`}
                      defaultValue={relation.endedOn ?? ''}
                      aria-label={`${t('expert.endedOn')} ${i + 1}`}
                    />
                    {errors[`relations.${i}.endedOn`] ? (
                      <span className="error">{t(keyOf(errors[`relations.${i}.endedOn`]!, 'errors.required'))}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </fieldset>
    </>
  )
}
