/** Dyad app entry point (thin): translations, current user, URL selection, frame. The DHIS2 header bar comes from the app shell. */
import React from 'react'
import './locales'
import './i18nSettings'
import './components/frame.css'
import { AppFrame } from './components/AppFrame'
import { CurrentUserProvider } from './components/CurrentUser'
import { UrlSelectionProvider } from './components/selection'

const App = () => (
  <CurrentUserProvider>
    <UrlSelectionProvider>
      <AppFrame />
    </UrlSelectionProvider>
  </CurrentUserProvider>
)

export default App
