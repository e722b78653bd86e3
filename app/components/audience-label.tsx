import type { AudienceRecord } from '#workflows/notifications/group-message'
import type { Lang, Translate } from '~/i18n'

/** Who a group message went to, in the reader's language: "经济类申报单位", "SZ2026-0009 答辩专家组". */
export function audienceText(t: Translate, lang: Lang, audience: AudienceRecord): string {
  switch (audience.to) {
    case 'experts':
      return t('audience.experts')
    case 'panel':
      return t('audience.panel', { number: audience.number ?? String(audience.applicationId) })
    case 'team':
      return t('audience.team', { number: audience.number ?? String(audience.applicationId) })
    case 'applicants': {
      const category = audience.categoryName
        ? lang === 'en'
          ? audience.categoryName.en
          : audience.categoryName.zh
        : audience.category
      const status = audience.status ? t(`status.${audience.status}` as 'status.draft') : undefined
      if (category && status) return t('audience.applicantsOfIn', { category, status })
      if (category) return t('audience.applicantsOf', { category })
      if (status) return t('audience.applicantsIn', { status })
      return t('audience.applicants')
    }
  }
}
