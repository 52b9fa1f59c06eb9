/** Loads /api/me once for the app and provides it (roots of the org-unit tree, authorities). */
import i18n from '@dhis2/d2-i18n'
import React, { createContext, useContext } from 'react'
import { fetchMe, type CurrentUser } from '../data/me'
import { useResource } from '../data/useResource'
import { ErrorMessage, Loading } from './states'

const UserContext = createContext<CurrentUser | undefined>(undefined)

export function CurrentUserProvider({ children }: { children: React.ReactNode }) {
  const { data, error, loading, reload } = useResource((c, signal) => fetchMe(c, { signal }), [])
  if (error) return <ErrorMessage error={error} onRetry={reload} />
  if (loading || !data) return <Loading label={i18n.t('Loading your profile…')} />
  return <UserContext.Provider value={data}>{children}</UserContext.Provider>
}

export function useCurrentUser(): CurrentUser {
  const u = useContext(UserContext)
  if (!u) throw new Error('useCurrentUser outside CurrentUserProvider')
  return u
}
