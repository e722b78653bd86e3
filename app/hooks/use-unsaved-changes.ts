import { useBeforeUnload, useBlocker, useNavigation } from '@remix-run/react'
import { useCallback, useEffect, useRef } from 'react'
import { useT } from './use-i18n'

/**
 * While a form holds edits that are not saved, leaving the page asks first: a link or a step in the app
 * (the router's blocker, answered with the browser's own confirm) and closing or reloading the tab (the
 * browser's unload prompt). Submitting the form itself is not leaving: call `submitting()` from its submit.
 */
export function useUnsavedChanges(dirty: boolean) {
  const t = useT()
  const submittingRef = useRef(false)
  const navigationState = useNavigation().state
  const navigationRef = useRef(navigationState)
  navigationRef.current = navigationState
  // A submission that ends (an error shown, a save done) or never starts (the form's own check refused it)
  // leaves the page guarded again.
  useEffect(() => {
    if (navigationState === 'idle') submittingRef.current = false
  }, [navigationState])
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !submittingRef.current && currentLocation.pathname !== nextLocation.pathname,
  )
  useEffect(() => {
    if (blocker.state !== 'blocked') return
    if (window.confirm(t('form.unsavedLeave'))) blocker.proceed()
    else blocker.reset()
  }, [blocker, t])
  useBeforeUnload(
    useCallback(
      (event: BeforeUnloadEvent) => {
        if (!dirty || submittingRef.current) return
        event.preventDefault()
        event.returnValue = ''
      },
      [dirty],
    ),
  )
  return {
    submitting: () => {
      submittingRef.current = true
      setTimeout(() => {
        if (navigationRef.current === 'idle') submittingRef.current = false
      }, 250)
    },
  }
}
