/**
 * Turns flat form fields ("finances.0.revenue") into the nested object the zod schemas describe, the same
 * shape react-hook-form builds in the browser. Numeric segments make arrays. Repeated keys keep the last value.
 *
 * Every name comes from whoever posts the form, anonymous visitors included. So objects are made without a
 * prototype and only own properties are ever followed: a name like `toString.call` or `hasOwnProperty.call`
 * must never reach a built-in (it once replaced Function.prototype.toString.call for the whole process).
 */
export type FormValue = string | FormObject | FormValue[]
export interface FormObject {
  [key: string]: FormValue
}

const forbiddenKeys = new Set(['__proto__', 'prototype', 'constructor'])
const maxIndex = 200
const maxDepth = 8
const indexPattern = /^(0|[1-9]\d{0,2})$/

function newObject(): FormObject {
  return Object.create(null) as FormObject
}

function isIndex(segment: string): boolean {
  return indexPattern.test(segment) && Number(segment) <= maxIndex
}

/** A field name we build from, or null for one we drop (empty segments, prototype keys, absurd depth or index). */
function pathOf(name: string): string[] | null {
  const path = name.split('.')
  if (path.length > maxDepth) return null
  for (const segment of path) {
    if (segment === '' || forbiddenKeys.has(segment)) return null
    if (/^\d+$/.test(segment) && !isIndex(segment)) return null
  }
  return path
}

type Container = FormObject | FormValue[]

function ownChild(node: Container, segment: string): FormValue | undefined {
  return Object.hasOwn(node, segment) ? (node as Record<string, FormValue>)[segment] : undefined
}

export function formDataToObject(formData: FormData | URLSearchParams): FormObject {
  const root = newObject()
  for (const [name, raw] of formData.entries()) {
    if (typeof raw !== 'string') continue
    const path = pathOf(name)
    if (!path) continue
    let node: Container = root
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!
      // An array only takes indexes: `finances.length` or `finances.push` is dropped, not written.
      if (Array.isArray(node) && !isIndex(segment)) break
      const slot = node as Record<string, FormValue>
      if (i === path.length - 1) {
        slot[segment] = raw
        break
      }
      const existing = ownChild(node, segment)
      if (existing === undefined || typeof existing === 'string') {
        const created: Container = isIndex(path[i + 1]!) ? [] : newObject()
        slot[segment] = created
        node = created
      } else {
        node = existing
      }
    }
  }
  return root
}

/**
 * A whole number a form posted (an id, a version), or 0 when it is none ("1.5", "1e400", "abc", missing): 0 names
 * no row and matches no version, so the workflow answers it as any stale or unknown id. A number that is no
 * integer must not reach the database, where PostgreSQL refuses it as a bigint.
 */
export function postedInteger(form: FormData | URLSearchParams, name: string): number {
  const value = form.get(name)
  return typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim()) ? Number(value) : 0
}
