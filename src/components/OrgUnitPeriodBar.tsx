/** The selection bar above a page: org unit (tree in a panel) and period. Hidden when printing except its text summary. */
import i18n from '@dhis2/d2-i18n'
import { Button } from '@dhis2/ui'
import React, { useEffect, useId, useRef, useState } from 'react'
import type { OrgUnitRef } from '../data/me'
import { fetchOrgUnits } from '../data/orgUnits'
import { useResource } from '../data/useResource'
import { useCurrentUser } from './CurrentUser'
import { OrgUnitTree } from './OrgUnitTree'
import { PeriodSelector } from './PeriodSelector'
import { periodLabel } from './periods'
import { useSelection } from './selection'

/** Display name of the selected org unit: from the user's roots, else asked from the server. */
function useOrgUnitName(id: string | undefined, known: Record<string, string>): string | undefined {
  const needFetch = id !== undefined && known[id] === undefined
  const { data } = useResource((c, signal) => (needFetch && id ? fetchOrgUnits(c, [id], { signal }) : Promise.resolve([] as OrgUnitRef[])), [id, needFetch])
  if (!id) return undefined
  return known[id] ?? data?.find((u) => u.id === id)?.displayName
}

export function OrgUnitPeriodBar() {
  const user = useCurrentUser()
  const sel = useSelection()
  const [open, setOpen] = useState(false)
  const [names, setNames] = useState<Record<string, string>>(() => Object.fromEntries(user.roots.map((r) => [r.id, r.displayName])))
  const name = useOrgUnitName(sel.orgUnit, names)
  const panelId = useId()
  const panelRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [open])

  return (
    <section className="dyad-selection" aria-label={i18n.t('Selection')}>
      <div className="dyad-selection-ou">
        <span className="dyad-label">{i18n.t('Organisation unit')}</span>
        <Button small onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-controls={panelId} disabled={sel.readOnly}>
          {name ?? (sel.orgUnit ? i18n.t('Loading…') : i18n.t('None'))} {open ? '▴' : '▾'}
        </Button>
        {open ? (
          <div className="dyad-tree-panel" id={panelId} ref={panelRef}>
            <OrgUnitTree
              roots={user.roots}
              selected={sel.orgUnit}
              onSelect={(u) => {
                setNames((n) => ({ ...n, [u.id]: u.displayName }))
                sel.setOrgUnit(u.id)
                setOpen(false)
              }}
            />
          </div>
        ) : null}
      </div>
      {sel.readOnly ? (
        <span>{periodLabel(sel.period)}</span>
      ) : (
        <PeriodSelector value={sel.period} onChange={sel.setPeriod} />
      )}
      <p className="dyad-print-only">
        {name ?? ''} — {periodLabel(sel.period)}
      </p>
    </section>
  )
}
