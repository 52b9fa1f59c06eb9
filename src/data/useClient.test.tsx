/**
 * app-runtime providers build a new data engine on every render. The client must survive that:
 * a provider re-render must not re-send a request (issue 7: repeated overview requests).
 */
import { CustomDataProvider } from '@dhis2/app-runtime'
import { act, render, screen } from '@testing-library/react'
import React, { useState } from 'react'
import { fetchMe } from './me'
import { useClient } from './useClient'
import { useResource } from './useResource'
import { testUser } from '../test-utils/render'

function Probe({ onClient }: { onClient: (c: unknown) => void }) {
  const client = useClient()
  onClient(client)
  const me = useResource((c, signal) => fetchMe(c, { signal }), [])
  return <p>{me.data ? me.data.displayName : 'loading'}</p>
}

describe('useClient', () => {
  it('keeps one client and sends no request again when the provider re-renders', async () => {
    let calls = 0
    const clients = new Set<unknown>()
    const data = {
      me: async () => {
        calls++
        return testUser()
      },
    }
    let bump: () => void = () => undefined
    function Host() {
      const [n, setN] = useState(0)
      bump = () => setN((x) => x + 1)
      return (
        <CustomDataProvider data={data as never} options={{ failOnMiss: true }}>
          <span data-n={n} />
          <Probe onClient={(c) => clients.add(c)} />
        </CustomDataProvider>
      )
    }
    render(<Host />)
    expect(await screen.findByText('John Traore')).toBeTruthy()
    expect(calls).toBe(1)
    for (let i = 0; i < 3; i++) act(() => bump())
    expect(await screen.findByText('John Traore')).toBeTruthy()
    await act(async () => new Promise((r) => setTimeout(r, 20)))
    expect(calls).toBe(1)
    expect(clients.size).toBe(1)
  })

  it('forwards to the latest engine: the re-rendered provider answers later requests', async () => {
    let answer = 'first'
    function Reader() {
      const [tick, setTick] = useState(0)
      const r = useResource((c, signal) => fetchMe(c, { signal }), [tick])
      return (
        <button type="button" onClick={() => setTick((t) => t + 1)}>
          {r.data?.displayName ?? 'loading'}
        </button>
      )
    }
    let bump: () => void = () => undefined
    function Host() {
      const [, setN] = useState(0)
      bump = () => setN((x) => x + 1)
      // a new resolver object per render: the newest engine is the one that must be asked
      const data = { me: async () => testUser({ displayName: answer }) }
      return (
        <CustomDataProvider data={data as never} options={{ failOnMiss: true }}>
          <Reader />
        </CustomDataProvider>
      )
    }
    render(<Host />)
    expect(await screen.findByText('first')).toBeTruthy()
    answer = 'second'
    act(() => bump())
    act(() => screen.getByRole('button').click())
    expect(await screen.findByText('second')).toBeTruthy()
  })
})
