import { Form } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { InlineChoices } from '~/components/inline-choices'
import { PanelError } from '~/components/panel-error'
import { useT } from '~/hooks/use-i18n'
import { keyOf } from '~/i18n'
import { type ColumnList, listColumns } from '#workflows/account/list-columns'

/**
 * Which of a list's columns this member of staff sees (issue 24), folded away above the list: a box per column and
 * one button; the page's action keeps the choice for them (intent `columns`).
 */
export function ColumnChoice({ list, chosen }: { list: ColumnList; chosen: readonly string[] }) {
  const t = useT()
  return (
    <details className="card" data-testid={`${list}-columns`}>
      <summary>{t('columns.heading')}</summary>
      <Form method="post" className="inline">
        <CsrfInput />
        <PanelError panel="columns" />
        <input type="hidden" name="intent" value="columns" />
        <InlineChoices
          type="checkbox"
          name="columns"
          choices={listColumns[list].map((column) => ({ value: column, label: t(keyOf(`columns.${list}.${column}`)) }))}
          checked={(column) => chosen.includes(column)}
        />
        <button type="submit" className="secondary">
          {t('columns.save')}
        </button>
      </Form>
    </details>
  )
}
