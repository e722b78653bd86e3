import type { EvidenceRequirement } from '#workflows/application/application.rules'
import { applicableConditions } from '#workflows/application/application.rules'
import { awardTypes, declarationKeys } from '#workflows/application/application.schema'
import { useT } from '~/hooks/use-i18n'

/** A requirement as the settings form posts it: "awardType/condition". */
export function evidenceValue(requirement: EvidenceRequirement): string {
  return `${requirement.awardType}/${requirement.condition}`
}

/** The ticked boxes as requirements; null when a value names no award type and condition that go together. */
export function readRequiredEvidence(values: readonly string[]): EvidenceRequirement[] | null {
  const requirements: EvidenceRequirement[] = []
  for (const value of new Set(values)) {
    const [awardType = '', condition = '', ...rest] = value.split('/')
    const known =
      awardTypes.includes(awardType as never) && applicableConditions(awardType).includes(condition as never)
    if (!known || rest.length > 0) return null
    requirements.push({ awardType, condition })
  }
  return requirements
}

/** The cycle's required evidence as a grid: one row per condition, one column per award type. */
export function RequiredEvidenceSettings({ selected }: { selected: readonly string[] }) {
  const t = useT()
  return (
    <fieldset data-testid="required-evidence-settings">
      <legend>{t('admin.requiredEvidence')}</legend>
      <p className="guide">{t('admin.requiredEvidenceHint')}</p>
      <input type="hidden" name="requiredEvidenceListed" value="1" />
      <div className="scroll">
        <table>
          <thead>
            <tr>
              <th>{t('checklist.condition')}</th>
              {awardTypes.map((awardType) => (
                <th key={awardType}>{t(`awardType.${awardType}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {declarationKeys.map((condition) => (
              <tr key={condition}>
                <td>{t(`declaration.${condition}`)}</td>
                {awardTypes.map((awardType) => {
                  const value = evidenceValue({ awardType, condition })
                  return (
                    <td key={awardType}>
                      {applicableConditions(awardType).includes(condition) ? (
                        <input
                          type="checkbox"
                          name="evidence"
                          value={value}
                          defaultChecked={selected.includes(value)}
                          aria-label={`${t(`awardType.${awardType}`)} · ${t(`declaration.${condition}`)}`}
                        />
                      ) : (
                        '—'
                      )}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  )
}
