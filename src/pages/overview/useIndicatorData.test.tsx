/**
 * The overview's three requests follow the selection exactly: when the org unit and the period
 * change together, no analytics request is made for the previous unit's children.
 */
import { CustomDataProvider } from '@dhis2/app-runtime'
import { act, render, waitFor } from '@testing-library/react'
import { TextEncoder } from 'node:util'
import React, { useState } from 'react'
import { analyticsGrid } from './test-fixtures'
import { useIndicatorData } from './useIndicatorData'

Object.assign(globalThis, { TextEncoder: globalThis.TextEncoder ?? TextEncoder })

const MALI = 'ImspTQPwCqd'
const KAYES = 'KayesReg001'
const SIKASSO = 'SikassoR001'
const KITA = 'KitaDist001'

type Q = { params?: { dimension?: string[] } }

describe('useIndicatorData', () => {
  it('asks for the children of the selected unit only, once per selection', async () => {
    const ouRequests: string[] = []
    let resolveKayes: () => void = () => undefined
    const kayesGate = new Promise<void>((r) => (resolveKayes = r))
    const data = {
      analytics: async (_t: string, q: Q) => {
        ouRequests.push((q.params?.dimension ?? []).find((d) => d.startsWith('ou:')) ?? '')
        return analyticsGrid([])
      },
      [`organisationUnits/${MALI}`]: {
        children: [
          { id: KAYES, displayName: 'Kayes', path: `/${MALI}/${KAYES}`, children: true },
          { id: SIKASSO, displayName: 'Sikasso', path: `/${MALI}/${SIKASSO}`, children: true },
        ],
      },
      [`organisationUnits/${KAYES}`]: async () => {
        await kayesGate
        return { children: [{ id: KITA, displayName: 'Kita', path: `/${MALI}/${KAYES}/${KITA}`, children: false }] }
      },
    }
    let select: (ou: string, pe: string) => void = () => undefined
    let latest: ReturnType<typeof useIndicatorData> | undefined
    function Probe() {
      const [sel, setSel] = useState({ ou: MALI, pe: '2024' })
      select = (ou, pe) => setSel({ ou, pe })
      latest = useIndicatorData(sel.ou, sel.pe)
      return null
    }
    render(
      <CustomDataProvider data={data as never} options={{ failOnMiss: true }}>
        <Probe />
      </CustomDataProvider>,
    )
    await waitFor(() => expect(latest?.childrenData).toBeDefined())
    expect(ouRequests.sort()).toEqual([`ou:${MALI}`, `ou:${KAYES};${SIKASSO}`])
    ouRequests.length = 0
    // org unit and period change together; Kayes's children take a while to come
    act(() => select(KAYES, '2023'))
    await waitFor(() => expect(ouRequests).toContain(`ou:${KAYES}`))
    expect(latest?.children).toBeUndefined()
    expect(latest?.childrenLoading).toBe(true)
    await act(async () => new Promise((r) => setTimeout(r, 30)))
    expect(ouRequests).toEqual([`ou:${KAYES}`]) // nothing for Mali's children with the new period
    act(() => resolveKayes())
    await waitFor(() => expect(ouRequests).toContain(`ou:${KITA}`))
    await waitFor(() => expect(latest?.childrenLoading).toBe(false))
    expect(latest?.children?.map((c) => c.id)).toEqual([KITA])
    expect(latest?.level).toBe(2)
    expect(ouRequests).toEqual([`ou:${KAYES}`, `ou:${KITA}`])
  })
})
