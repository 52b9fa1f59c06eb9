/**
 * useResource: a render with new dependencies is a loading render — the previous answer is never
 * presented as the answer for the new dependencies, not even for one render.
 */
import { CustomDataProvider } from '@dhis2/app-runtime'
import { act, render, waitFor } from '@testing-library/react'
import React, { useState } from 'react'
import { useResource } from './useResource'

describe('useResource', () => {
  it('says loading in the very render where the dependencies change, then gives the new answer', async () => {
    const renders: { key: string; loading: boolean; data: string | undefined }[] = []
    let setKey: (k: string) => void = () => undefined
    function Probe() {
      const [key, set] = useState('2024')
      setKey = set
      const r = useResource(async () => {
        await new Promise((res) => setTimeout(res, 5))
        return `figures of ${key}`
      }, [key])
      renders.push({ key, loading: r.loading, data: r.data })
      return null
    }
    render(
      <CustomDataProvider data={{}}>
        <Probe />
      </CustomDataProvider>,
    )
    await waitFor(() => expect(renders[renders.length - 1]).toEqual({ key: '2024', loading: false, data: 'figures of 2024' }))
    act(() => setKey('2023'))
    await waitFor(() => expect(renders[renders.length - 1]).toEqual({ key: '2023', loading: false, data: 'figures of 2023' }))
    const wrong = renders.filter((r) => r.key === '2023' && !r.loading && r.data !== 'figures of 2023')
    expect(wrong).toEqual([])
    // the first render with the new key was a loading one
    expect(renders.find((r) => r.key === '2023')?.loading).toBe(true)
  })

  it('hides the previous error once the dependencies change', async () => {
    const seen: { key: string; error: boolean; loading: boolean }[] = []
    let setKey: (k: string) => void = () => undefined
    function Probe() {
      const [key, set] = useState('bad')
      setKey = set
      const r = useResource(async () => {
        if (key === 'bad') throw new Error('boom')
        return key
      }, [key])
      seen.push({ key, error: r.error !== undefined, loading: r.loading })
      return null
    }
    render(
      <CustomDataProvider data={{}}>
        <Probe />
      </CustomDataProvider>,
    )
    await waitFor(() => expect(seen[seen.length - 1]).toEqual({ key: 'bad', error: true, loading: false }))
    act(() => setKey('good'))
    await waitFor(() => expect(seen[seen.length - 1]).toEqual({ key: 'good', error: false, loading: false }))
    expect(seen.filter((s) => s.key === 'good' && s.error)).toEqual([])
  })
})
