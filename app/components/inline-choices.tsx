/**
 * A few choices on one line (wrapping on a phone), each its box and its label: the offices of a staff account, a
 * department's answer, a committee member's vote.
 */
export function InlineChoices({
  type,
  name,
  choices,
  checked,
  required,
}: {
  type: 'radio' | 'checkbox'
  name: string
  choices: ReadonlyArray<{ value: string; label: string }>
  /** Whether a choice starts ticked (the value recorded so far). */
  checked: (value: string) => boolean
  required?: boolean
}) {
  return (
    <span className="inline-choices">
      {choices.map((choice) => (
        <label key={choice.value} className="choice-inline">
          <input
            type={type}
            name={name}
            value={choice.value}
            defaultChecked={checked(choice.value)}
            required={required}
          />{' '}
          {choice.label}
        </label>
      ))}
    </span>
  )
}
