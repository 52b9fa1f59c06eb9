/**
 * Org-unit tree: the user's org units as roots, children fetched when a node is expanded (never
 * the whole hierarchy). Keyboard: Tab to a node, Enter/Space selects, the ▸ button expands.
 */
import i18n from '@dhis2/d2-i18n'
import React, { useState } from 'react'
import { useClient } from '../data/useClient'
import { toDyadErrorSafe, type DyadError } from '../data/errors'
import type { OrgUnitRef } from '../data/me'
import { fetchChildren } from '../data/orgUnits'
import { ErrorMessage } from './states'

interface NodeState {
  expanded: boolean
  loading: boolean
  children?: OrgUnitRef[]
  error?: DyadError
}

export interface OrgUnitTreeProps {
  roots: OrgUnitRef[]
  selected: string | undefined
  onSelect: (unit: OrgUnitRef) => void
  /** Path of the selected unit, to open its ancestors' branches when they are loaded. */
  selectedPath?: string
}

export function OrgUnitTree({ roots, selected, onSelect }: OrgUnitTreeProps) {
  const client = useClient()
  const [nodes, setNodes] = useState<Record<string, NodeState>>({})

  const toggle = async (unit: OrgUnitRef): Promise<void> => {
    const cur = nodes[unit.id]
    if (cur?.expanded) {
      setNodes((n) => ({ ...n, [unit.id]: { ...cur, expanded: false } }))
      return
    }
    if (cur?.children) {
      setNodes((n) => ({ ...n, [unit.id]: { ...cur, expanded: true } }))
      return
    }
    setNodes((n) => ({ ...n, [unit.id]: { expanded: true, loading: true } }))
    try {
      const children = await fetchChildren(client, unit.id)
      setNodes((n) => ({ ...n, [unit.id]: { expanded: true, loading: false, children } }))
    } catch (e) {
      setNodes((n) => ({ ...n, [unit.id]: { expanded: true, loading: false, error: toDyadErrorSafe(e) } }))
    }
  }

  const renderNode = (unit: OrgUnitRef, level: number): React.ReactNode => {
    const st = nodes[unit.id]
    const isSelected = unit.id === selected
    return (
      <li key={unit.id} role="treeitem" aria-level={level} aria-expanded={unit.hasChildren ? Boolean(st?.expanded) : undefined} aria-selected={isSelected}>
        <div className="dyad-tree-row">
          {unit.hasChildren ? (
            <button
              type="button"
              className="dyad-tree-toggle"
              aria-label={st?.expanded ? i18n.t('Collapse {{name}}', { name: unit.displayName }) : i18n.t('Expand {{name}}', { name: unit.displayName })}
              onClick={() => void toggle(unit)}
            >
              {st?.expanded ? '▾' : '▸'}
            </button>
          ) : (
            <span className="dyad-tree-toggle" aria-hidden="true" />
          )}
          <button type="button" className={`dyad-tree-label${isSelected ? ' selected' : ''}`} aria-current={isSelected ? 'true' : undefined} onClick={() => onSelect(unit)}>
            {unit.displayName}
          </button>
        </div>
        {st?.expanded ? (
          st.loading ? (
            <div className="dyad-tree-loading" role="status">
              {i18n.t('Loading…')}
            </div>
          ) : st.error ? (
            <ErrorMessage error={st.error} />
          ) : st.children && st.children.length > 0 ? (
            <ul role="group">{st.children.map((c) => renderNode(c, level + 1))}</ul>
          ) : (
            <div className="dyad-tree-loading">{i18n.t('No sub-units')}</div>
          )
        ) : null}
      </li>
    )
  }

  if (roots.length === 0) {
    return <p className="dyad-muted">{i18n.t('Your user has no organisation unit. Ask your DHIS2 administrator to assign one.')}</p>
  }
  return (
    <ul className="dyad-tree" role="tree" aria-label={i18n.t('Organisation units')}>
      {roots.map((r) => renderNode(r, 1))}
    </ul>
  )
}
