import type { ButtonHTMLAttributes } from 'react'

/**
 * A submit button for what cannot be undone (submitting, declaring a conflict, deciding, publishing,
 * withdrawing): the browser asks first, in words that say what will happen. Without JavaScript the form
 * posts directly, as every form here does.
 */
export function ConfirmButton({ confirm, ...button }: ButtonHTMLAttributes<HTMLButtonElement> & { confirm: string }) {
  return (
    <button
      type="submit"
      {...button}
      onClick={(event) => {
        if (!window.confirm(confirm)) event.preventDefault()
      }}
    />
  )
}
