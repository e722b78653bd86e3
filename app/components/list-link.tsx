import { useNavigate } from '@remix-run/react'
import { type ReactNode, type RefObject, useEffect, useRef } from 'react'

/**
 * A link in a long list (a page of 50 rows, the desk's status tabs): a plain anchor to a path in the app. Remix's
 * <Link> runs about a dozen hooks per link on every render, a third of a millisecond for a page of 50 rows; here
 * one listener on the list (useListLinks) gives the same in-app navigation to all of them. `data-discover` lets
 * Remix find the routes they lead to, as it does for its own links.
 */
export function ListLink(props: { to: string; children: ReactNode; rel?: 'prev' | 'next' }) {
  return (
    <a href={props.to} rel={props.rel} data-list-link="" data-discover="true">
      {props.children}
    </a>
  )
}

/**
 * Navigates inside the app when a ListLink within the element is clicked, as <Link> would: a plain left click
 * only, so that a middle click, Ctrl/⌘-click or Shift-click still opens a new tab or window as the user asked.
 * Without JavaScript, or before hydration, the anchors are ordinary links.
 */
export function useListLinks<T extends HTMLElement>(): RefObject<T> {
  const ref = useRef<T>(null)
  const navigate = useNavigate()
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const follow = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return
      if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return
      const anchor = event.target instanceof Element ? event.target.closest('a[data-list-link]') : null
      if (!(anchor instanceof HTMLAnchorElement) || !element.contains(anchor)) return
      if (anchor.origin !== window.location.origin) return
      event.preventDefault()
      navigate(anchor.pathname + anchor.search + anchor.hash)
    }
    element.addEventListener('click', follow)
    return () => element.removeEventListener('click', follow)
  }, [navigate])
  return ref
}
