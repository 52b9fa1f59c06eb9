import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import React from 'react'
import { TextEncoder } from 'node:util'
import { renderWithProviders } from '../test-utils/render'
import { createPairPort } from './createPairWorker'
import { inlinePort, type PairPort, type ToWorker } from './protocol'
import { F1, F2, OUTSIDE, records } from './test-records'
import { usePairComputation, type ExactRequest } from './usePairComputation'

// jsdom has no TextEncoder; the vocabulary's UIDs (sha256) need it.
Object.assign(globalThis, { TextEncoder: globalThis.TextEncoder ?? TextEncoder })

// The Worker construction (import.meta.url) is replaced by the real protocol handler behind a port.
jest.mock('./createPairWorker', () => ({ createPairPort: jest.fn() }))

const DISTRICT = 'KayesDist01'
const REQUEST: ExactRequest = { period: { start: '2024-01-01', end: '2024-12-31' }, extraPeriods: [{ start: '2024-06-01', end: '2024-06-30' }] }

interface PortLog {
  posted: ToWorker[]
  terminated: number
}

function mockPorts(o: { inline?: boolean } = {}): PortLog[] {
  const logs: PortLog[] = []
  ;(createPairPort as jest.Mock).mockImplementation((): PairPort => {
    const real = inlinePort()
    const log: PortLog = { posted: [], terminated: 0 }
    logs.push(log)
    return {
      inline: o.inline ?? false,
      onMessage: real.onMessage,
      post: (m) => {
        log.posted.push(m)
        real.post(m)
      },
      terminate: () => {
        log.terminated++
        real.terminate()
      },
    }
  })
  return logs
}

type Q = { resource: string; params?: Record<string, unknown> }

/** 2.41 tracker pages: 3 pages with pager.total/pageCount; `hold` makes a page wait for the test. */
function server(o: { hold?: number } = {}) {
  const { wire } = records()
  const pages = [wire.slice(0, 2), wire.slice(2, 4), wire.slice(4)]
  const requested: number[] = []
  let release: () => void = () => undefined
  const data = {
    organisationUnits: (_t: string, q: Q) => {
      expect(q.params?.filter).toBe(`path:like:${DISTRICT}`)
      return {
        organisationUnits: [
          { id: DISTRICT, displayName: 'District sanitaire de Kayes', path: `/ImspTQPwCqd/KayesReg001/${DISTRICT}` },
          { id: F1, displayName: 'CSCom Kayes N’Di', path: `/ImspTQPwCqd/KayesReg001/${DISTRICT}/${F1}` },
          { id: F2, displayName: 'CSCom Lafiabougou', path: `/ImspTQPwCqd/KayesReg001/${DISTRICT}/${F2}` },
        ],
      }
    },
    'tracker/trackedEntities': async (_t: string, q: Q) => {
      const page = Number(q.params?.page)
      requested.push(page)
      expect(q.params?.orgUnits).toBe(DISTRICT)
      expect(q.params?.orgUnitMode).toBe('DESCENDANTS')
      if (o.hold === page) await new Promise<void>((r) => (release = r))
      return { pager: { page, pageSize: q.params?.pageSize, total: wire.length, pageCount: pages.length }, trackedEntities: pages[page - 1] ?? [] }
    },
  }
  return { data, requested, total: wire.length, release: () => release() }
}

function Probe({ enabled = true }: { enabled?: boolean }) {
  const pc = usePairComputation(DISTRICT, REQUEST, enabled)
  return (
    <div>
      <p data-testid="status">{pc.status}</p>
      <p data-testid="progress">{pc.progress ? `${pc.progress.phase} ${pc.progress.loaded}/${pc.progress.total ?? '?'}` : ''}</p>
      <p data-testid="inline">{String(pc.inline)}</p>
      {pc.result ? (
        <p data-testid="result">
          ANC {pc.result.values.ANC_VISITS.numerator} / prev {pc.result.previousYearValues.ANC_VISITS.numerator} / deliv {pc.result.values.INST_DELIV.numerator}/{pc.result.values.INST_DELIV.denominator} / june {pc.result.extra[0].ANC_VISITS.numerator} / records {pc.result.records} / problems {pc.result.problems}
        </p>
      ) : null}
      {pc.error ? <p role="alert">{pc.error.message}</p> : null}
      <button type="button" onClick={pc.cancel}>
        Cancel
      </button>
    </div>
  )
}

describe('usePairComputation', () => {
  it('streams each tracker page to the worker and returns the exact values for the subtree', async () => {
    const logs = mockPorts()
    const s = server()
    renderWithProviders(<Probe />, { data: s.data, withUser: false })
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('done'))
    // 5 ANC contacts in the district in 2024 (one at a facility outside the subtree is left out), 2 in 2023, 2/3 facility deliveries;
    // 3 problems: the live births of m2, m3 and m4 have no linked infant record (DELIVERY_WITHOUT_INFANT)
    expect(screen.getByTestId('result')).toHaveTextContent(`ANC 5 / prev 2 / deliv 2/3 / june 1 / records ${s.total} / problems 3`)
    expect(s.requested).toEqual([1, 2, 3])
    expect(logs).toHaveLength(1)
    const types = logs[0].posted.map((m) => m.type)
    expect(types).toEqual(['reset', 'load', 'load', 'load', 'compute'])
    const compute = logs[0].posted[4]
    expect(compute.type === 'compute' && [...(compute.spec.scope ?? [])].sort()).toEqual([DISTRICT, F1, F2].sort())
    expect(compute.type === 'compute' && compute.spec.scope).not.toContain(OUTSIDE)
    expect(screen.getByTestId('inline')).toHaveTextContent('false')
    expect(logs[0].terminated).toBeGreaterThan(0)
  })

  it('cancel stops further page requests, tells the worker and shows no result', async () => {
    const logs = mockPorts()
    const s = server({ hold: 2 })
    renderWithProviders(<Probe />, { data: s.data, withUser: false })
    await waitFor(() => expect(s.requested).toEqual([1, 2]))
    expect(screen.getByTestId('progress')).toHaveTextContent(`records 2/${s.total}`)
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.getByTestId('status')).toHaveTextContent('cancelled')
    await act(async () => {
      s.release()
      await new Promise((r) => setTimeout(r, 30))
    })
    expect(s.requested).toEqual([1, 2])
    expect(screen.getByTestId('status')).toHaveTextContent('cancelled')
    expect(screen.queryByTestId('result')).toBeNull()
    const types = logs[0].posted.map((m) => m.type)
    expect(types).toContain('cancel')
    expect(types).not.toContain('compute')
    expect(logs[0].terminated).toBeGreaterThan(0)
  })

  it('reports the main-thread fallback and ends the worker on unmount', async () => {
    const logs = mockPorts({ inline: true })
    const s = server({ hold: 1 })
    const view = renderWithProviders(<Probe />, { data: s.data, withUser: false })
    await waitFor(() => expect(s.requested).toEqual([1]))
    expect(screen.getByTestId('inline')).toHaveTextContent('true')
    view.unmount()
    expect(logs[0].terminated).toBeGreaterThan(0)
    s.release()
  })

  it('does nothing while disabled', async () => {
    const logs = mockPorts()
    const s = server()
    renderWithProviders(<Probe enabled={false} />, { data: s.data, withUser: false })
    await new Promise((r) => setTimeout(r, 20))
    expect(screen.getByTestId('status')).toHaveTextContent('idle')
    expect(logs).toHaveLength(0)
    expect(s.requested).toEqual([])
  })

  it('a server error on a page is shown and the worker is ended', async () => {
    const logs = mockPorts()
    const s = server()
    const data = {
      ...s.data,
      'tracker/trackedEntities': () => {
        throw Object.assign(new Error('Internal Server Error (500)'), { type: 'unknown', details: { httpStatusCode: 500, message: 'boom' } })
      },
    }
    renderWithProviders(<Probe />, { data, withUser: false })
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('error'), { timeout: 15000 })
    expect(screen.getByRole('alert')).toBeInTheDocument()
    expect(logs[0].terminated).toBeGreaterThan(0)
  }, 20000)
})
