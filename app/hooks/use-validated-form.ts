import { zodResolver } from '@hookform/resolvers/zod'
import { useActionData, useSubmit } from '@remix-run/react'
import { type FormEvent, useEffect } from 'react'
import { type DefaultValues, type FieldValues, type Path, useForm } from 'react-hook-form'
import type { z } from 'zod'

interface ServerAnswer {
  fieldErrors?: Record<string, string>
}

/**
 * react-hook-form with the form's zod schema: errors appear as the user types, and the form is posted as a
 * normal Remix form only when the schema passes. The action checks the same schema and its field errors
 * (i18n keys) are put back into the same fields. Without JavaScript the form still posts and the server answers.
 * A submit button whose value is in `unvalidatedIntents` (saving a draft) posts without the check.
 */
export function useValidatedForm<T extends FieldValues>(
  schema: z.ZodType<unknown, T>,
  defaultValues: DefaultValues<T>,
  unvalidatedIntents: readonly string[] = [],
) {
  // The resolver is typed for the schema's output; the form holds its input (what is typed).
  const form = useForm<T>({ resolver: zodResolver(schema as never) as never, defaultValues, mode: 'onChange' })
  const submit = useSubmit()
  const answer = useActionData<ServerAnswer>()

  useEffect(() => {
    const errors = Object.entries(answer?.fieldErrors ?? {})
    for (const [name, message] of errors) {
      form.setError(name as Path<T>, { type: 'server', message })
    }
    // The user lands on the first field to correct, as react-hook-form does for its own errors.
    if (errors[0]) form.setFocus(errors[0][0] as Path<T>)
  }, [answer, form])

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const element = event.currentTarget
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
    if (submitter && unvalidatedIntents.includes(submitter.value)) {
      event.preventDefault()
      submit(submitter)
      return
    }
    void form.handleSubmit(() => submit(submitter ?? element))(event)
  }

  return { form, onSubmit, errorOf: (name: string) => fieldError(form.formState.errors, name) }
}

/** The message at a dotted path of react-hook-form's nested error object. */
function fieldError(errors: unknown, path: string): string | undefined {
  let node: unknown = errors
  for (const segment of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[segment]
  }
  const message = (node as { message?: unknown } | undefined)?.message
  return typeof message === 'string' ? message : undefined
}
