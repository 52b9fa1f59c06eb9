import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import React from 'react'
import { TextEncoder } from 'node:util'
import { renderWithProviders } from '../test-utils/render'
import { createPairPort } from './createPairWorker'
import { resetExactStore } from './exactStore'
import { inlinePort, type PairPort, type ToWorker } from './protocol'
import { DISTRICT, F1, F2, trackerServer } from './test-server'
import { OUTSIDE } from './test-records'
import { usePairComputation, type ExactRequest } from './usePairComputation'

// jsdom has no TextEncoder; the vocabulary's UIDs (sha256) need it.
Object.assign(globalThis, { TextEncoder: globalThis.TextEncoder ?? TextEncoder })

// The Worker construction (import.meta.url) is replaced by the real protocol handler behind a port.
jest.mock('./createPairWorker', () => ({ createPairPort: jest.fn() }))

const Y2024: ExactRequest = { period: { start: '2024-01-01', end: '2024-12-31' }, extraPeriods: [{ start: '2024-06-01', end: '2024-06-30' }] }
const Y2023: ExactRequest = { period: { start: '2023-01-01', end: '2023-12-31' } }

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

function Probe({ request = Y2024, enabled = true, orgUnit = DISTRICT, breakdown = false }: { request?: ExactRequest; enabled?: boolean; orgUnit?: string; breakdown?: boolean }) {
  const pc = usePairComputation(orgUnit, request, enabled, { breakdown })
  return (
    <div>
      <p data-testid="status">{pc.status}</p>
      <p data-testid="progress">{pc.progress ? `${pc.progress.phase} ${pc.progress.loaded}/${pc.progress.total ?? '?'}` : ''}</p>
      <p data-testid="inline">{String(pc.inline)}</p>
      <p data-testid="checking">{String(pc.checking)}</p>
      <p data-testid="cache">{pc.fromCache ? 'from cache' : 'computed'}</p>
      <p data-testid="checked">{pc.checkedAt === undefined ? 'never' : 'checked'}</p>
      <p data-testid="change">{pc.lastChange ? `${pc.lastChange.changed} changed ${pc.lastChange.removed} removed` : ''}</p>
      {pc.result ? (
        <p data-testid="result">
          ANC {pc.result.values.ANC_VISITS.numerator} / prev {pc.result.previousYearValues.ANC_VISITS.numerator} / deliv {pc.result.values.INST_DELIV.numerator}/{pc.result.values.INST_DELIV.denominator} / records {pc.result.records}
        </p>
      ) : null}
      {pc.breakdown ? (
        <p data-testid="breakdown">
          F1 {pc.breakdown.byGroup?.[F1]?.ANC_VISITS.numerator} / F2 {pc.breakdown.byGroup?.[F2]?.ANC_VISITS.numerator}
        </p>
      ) : null}
      {pc.error ? <p role="alert">{pc.error.message}</p> : null}
      {pc.checkError ? <p data-testid="check-error">{pc.checkError.message}</p> : null}
      <button type="button" onClick={pc.cancel}>
        Cancel
      </button>
      <button type="button" onClick={pc.recheck}>
        Check
      </button>
      <button type="button" onClick={pc.refresh}>
        Refresh
      </button>
    </div>
  )
}

type ProbeProps = React.ComponentProps<typeof Probe>

/** Props of Probe that change on "Next" (a rerender through RTL would drop the providers). */
function Steps({ steps }: { steps: ProbeProps[] }) {
  const [i, setI] = React.useState(0)
  return (
    <>
      <Probe {...steps[Math.min(i, steps.length - 1)]} />
      <button type="button" onClick={() => setI((x) => x + 1)}>
        Next
      </button>
    </>
  )
}

const next = () => userEvent.click(screen.getByRole('button', { name: 'Next' }))

const done = () => waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('done'))
const settled = () => waitFor(() => expect(screen.getByTestId('checking')).toHaveTextContent('false'))

beforeEach(() => {
  resetExactStore()
})

describe('usePairComputation', () => {
  it('streams the subtree records to the worker once and returns the exact values', async () => {
    const logs = mockPorts()
    const s = trackerServer()
    renderWithProviders(<Probe />, { data: s.data, withUser: false })
    await done()
    // 5 ANC contacts in the district in 2024 (one at a facility outside the subtree is left out), 2 in 2023, 2/3 facility deliveries
    expect(screen.getByTestId('result')).toHaveTextContent(`ANC 5 / prev 2 / deliv 2/3 / records ${s.recs.size}`)
    expect(s.counts()).toEqual({ pages: 1, checks: 0, byUid: 0, orgUnits: 1 })
    expect(logs).toHaveLength(1)
    expect(logs[0].posted.map((m) => m.type)).toEqual(['open', 'load', 'commit', 'compute'])
    const compute = logs[0].posted[3]
    expect(compute.type === 'compute' && [...(compute.spec.scope ?? [])].sort()).toEqual([DISTRICT, F1, F2].sort())
    expect(compute.type === 'compute' && compute.spec.scope).not.toContain(OUTSIDE)
    expect(screen.getByTestId('inline')).toHaveTextContent('false')
    expect(screen.getByTestId('checked')).toHaveTextContent('checked')
  })

  it('a period change computes on the same worker session after ONE freshness request (no record download); a return is instant from the cache', async () => {
    const logs = mockPorts()
    const s = trackerServer()
    renderWithProviders(<Steps steps={[{ request: Y2024 }, { request: Y2023 }, { request: Y2024 }]} />, { data: s.data, withUser: false })
    await done()
    await next()
    await waitFor(() => expect(screen.getByTestId('result')).toHaveTextContent('ANC 2 / prev 1'))
    await waitFor(() => expect(s.counts().checks).toBe(1))
    await settled()
    expect(s.counts()).toEqual({ pages: 1, checks: 1, byUid: 0, orgUnits: 1 })
    expect(logs[0].posted.map((m) => m.type)).toEqual(['open', 'load', 'commit', 'compute', 'compute'])
    await next()
    // at once, from the cache: no compute message
    expect(screen.getByTestId('result')).toHaveTextContent('ANC 5 / prev 2')
    expect(screen.getByTestId('cache')).toHaveTextContent('from cache')
    await waitFor(() => expect(s.counts().checks).toBe(2))
    await settled()
    expect(logs[0].posted).toHaveLength(5)
    expect(s.counts()).toEqual({ pages: 1, checks: 2, byUid: 0, orgUnits: 1 })
    expect(logs[0].terminated).toBe(0)
  })

  it('a record changed on the server is re-read and changes the figure; a deleted one disappears', async () => {
    const logs = mockPorts()
    const s = trackerServer()
    renderWithProviders(<Probe />, { data: s.data, withUser: false })
    await done()
    const [m1, , m2] = s.uids()
    s.addAnc(m2, '2024-10-01')
    await userEvent.click(screen.getByRole('button', { name: 'Check' }))
    await waitFor(() => expect(screen.getByTestId('result')).toHaveTextContent('ANC 6 / prev 2'))
    expect(screen.getByTestId('change')).toHaveTextContent('1 changed 0 removed')
    expect(s.counts()).toEqual({ pages: 1, checks: 1, byUid: 1, orgUnits: 1 })
    expect(logs[0].posted.map((m) => m.type).slice(-2)).toEqual(['update', 'compute'])
    s.deleteRecord(m1)
    await userEvent.click(screen.getByRole('button', { name: 'Check' }))
    // m1 had 3 of the 2024 contacts and 1 of 2023
    await waitFor(() => expect(screen.getByTestId('result')).toHaveTextContent('ANC 3 / prev 1'))
    expect(screen.getByTestId('change')).toHaveTextContent('0 changed 1 removed')
    expect(s.counts()).toEqual({ pages: 1, checks: 2, byUid: 1, orgUnits: 1 })
  })

  it('a failed freshness check keeps the figures and says so', async () => {
    mockPorts()
    const s = trackerServer()
    renderWithProviders(<Probe />, { data: s.data, withUser: false })
    await done()
    s.addAnc(s.uids()[2], '2024-10-01')
    s.failChecks(true)
    await userEvent.click(screen.getByRole('button', { name: 'Check' }))
    await waitFor(() => expect(screen.getByTestId('check-error')).toBeInTheDocument(), { timeout: 15000 })
    expect(screen.getByTestId('status')).toHaveTextContent('done')
    expect(screen.getByTestId('result')).toHaveTextContent('ANC 5 / prev 2')
    s.failChecks(false)
    await userEvent.click(screen.getByRole('button', { name: 'Check' }))
    await waitFor(() => expect(screen.getByTestId('result')).toHaveTextContent('ANC 6'))
    expect(screen.queryByTestId('check-error')).toBeNull()
  }, 20000)

  it('drill-down: the values per child come with the totals, from the same session', async () => {
    const logs = mockPorts()
    const s = trackerServer()
    renderWithProviders(<Steps steps={[{}, { breakdown: true }, { orgUnit: F1 }]} />, { data: s.data, withUser: false })
    await done()
    await next()
    await waitFor(() => expect(screen.getByTestId('breakdown')).toHaveTextContent('F1 3 / F2 2'))
    const last = logs[0].posted[logs[0].posted.length - 1]
    expect(last.type === 'compute' && last.spec.groups).toEqual({ [F1]: F1, [F2]: F2 })
    expect(s.counts().pages).toBe(1)
    // a facility of the cached district: computed from the district's records, nothing read again
    await next()
    await waitFor(() => expect(screen.getByTestId('result')).toHaveTextContent('ANC 3'))
    await waitFor(() => expect(s.counts().checks).toBe(2))
    await settled()
    expect(s.counts()).toMatchObject({ pages: 1, orgUnits: 1 })
  })

  it('cancel stops further page requests and tells the worker; Refresh reads everything again', async () => {
    const logs = mockPorts()
    const s = trackerServer()
    const release = s.holdPages()
    renderWithProviders(<Probe />, { data: s.data, withUser: false })
    await waitFor(() => expect(s.counts().pages).toBe(1))
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.getByTestId('status')).toHaveTextContent('cancelled')
    await act(async () => {
      release()
      await new Promise((r) => setTimeout(r, 30))
    })
    expect(screen.getByTestId('status')).toHaveTextContent('cancelled')
    expect(screen.queryByTestId('result')).toBeNull()
    const types = logs[0].posted.map((m) => m.type)
    expect(types).toContain('cancel')
    expect(types).not.toContain('compute')
    expect(types).not.toContain('commit')
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }))
    await done()
    expect(s.counts()).toMatchObject({ pages: 2, orgUnits: 2 })
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }))
    await waitFor(() => expect(s.counts()).toMatchObject({ pages: 3, orgUnits: 3 }))
    await done()
    expect(screen.getByTestId('result')).toHaveTextContent('ANC 5')
  })

  it('the worker and its records outlive the page (a return shows the figures without reading them again); the main-thread fallback is reported', async () => {
    const logs = mockPorts({ inline: true })
    const s = trackerServer()
    const view = renderWithProviders(<Probe />, { data: s.data, withUser: false })
    await done()
    expect(screen.getByTestId('inline')).toHaveTextContent('true')
    view.unmount()
    expect(logs[0].terminated).toBe(0)
    renderWithProviders(<Probe />, { data: s.data, withUser: false })
    expect(await screen.findByTestId('result')).toHaveTextContent('ANC 5')
    expect(screen.getByTestId('cache')).toHaveTextContent('from cache')
    await waitFor(() => expect(s.counts().checks).toBe(1))
    await settled()
    expect(s.counts()).toEqual({ pages: 1, checks: 1, byUid: 0, orgUnits: 1 })
  })

  it('does nothing while disabled', async () => {
    const logs = mockPorts()
    const s = trackerServer()
    renderWithProviders(<Probe enabled={false} />, { data: s.data, withUser: false })
    await new Promise((r) => setTimeout(r, 20))
    expect(screen.getByTestId('status')).toHaveTextContent('idle')
    expect(logs).toHaveLength(0)
    expect(s.log).toEqual([])
  })

  it('a server error on a page is shown; nothing is kept', async () => {
    mockPorts()
    const s = trackerServer()
    s.failPages(true)
    renderWithProviders(<Probe />, { data: s.data, withUser: false })
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('error'), { timeout: 15000 })
    expect(screen.getByRole('alert')).toBeInTheDocument()
  }, 20000)
})
