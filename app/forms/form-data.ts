/**
 * Turns flat form fields ("finances.0.revenue") into the nested object the zod schemas describe, the same
 * shape react-hook-form builds in the browser. Numeric segments make arrays. Repeated keys keep the last value.
 */
export type FormValue = string | FormObject | FormValue[]
export interface FormObject {
  [key: string]: FormValue
}

const forbiddenKeys = new Set(['__proto__', 'prototype', 'constructor'])
const maxIndex = 200

export function formDataToObject(formData: FormData | URLSearchParams): FormObject {
  const root: FormObject = {}
  for (const [name, raw] of formData.entries()) {
    if (typeof raw !== 'string') continue
    const path = name.split('.')
    if (path.some((segment) => segment === '' || forbiddenKeys.has(segment))) continue
    if (path.some((segment) => /^\d+$/.test(segment) && Number(segment) > maxIndex)) continue
    let node: FormObject | FormValue[] = root
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!
      const key: string | number = Array.isArray(node) ? Number(segment) : segment
      const last = i === path.length - 1
      if (last) {
        ;(node as Record<string | number, FormValue>)[key] = raw
        break
      }
      const nextIsIndex = /^\d+$/.test(path[i + 1]!)
      const existing = (node as Record<string | number, FormValue>)[key]
      if (existing === undefined || typeof existing === 'string') {
        const created: FormObject | FormValue[] = nextIsIndex ? [] : {}
        ;(node as Record<string | number, FormValue>)[key] = created
        node = created
      } else {
        node = existing as FormObject | FormValue[]
      }
    }
  }
  return root
}
