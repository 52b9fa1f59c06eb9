/** Catches a page crash (including a failed lazy chunk) and shows it as an error state instead of a blank app. */
import React from 'react'
import { ErrorMessage } from './states'

interface State {
  error: unknown
}

export class ErrorBoundary extends React.Component<{ children: React.ReactNode }, State> {
  override state: State = { error: undefined }

  static getDerivedStateFromError(error: unknown): State {
    return { error }
  }

  override componentDidCatch(error: unknown): void {
    console.error('Dyad page error', error)
  }

  override render() {
    if (this.state.error !== undefined) return <ErrorMessage error={this.state.error} onRetry={() => this.setState({ error: undefined })} />
    return this.props.children
  }
}
