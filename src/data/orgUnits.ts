/** Org-unit tree: children of one unit, asked when the user expands it (never the whole tree). */
import type { DhisClient, RequestOptions } from './client'
import { BadResponseError } from './errors'
import { parseOrgUnitRef, type OrgUnitRef } from './me'

export function parseChildren(body: unknown): OrgUnitRef[] {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { children?: unknown }).children)) {
    throw new BadResponseError({ serverMessage: 'organisationUnits: no children list' })
  }
  const list = (body as { children: unknown[] }).children.map(parseOrgUnitRef).filter((x): x is OrgUnitRef => x !== undefined)
  return list.sort((a, b) => a.displayName.localeCompare(b.displayName))
}

export async function fetchChildren(client: DhisClient, id: string, o: RequestOptions = {}): Promise<OrgUnitRef[]> {
  return parseChildren(await client.get(`organisationUnits/${id}`, { fields: 'children[id,displayName,path,children::isNotEmpty]' }, o))
}

/** Display names and paths of given units (to show a selection restored from the URL). */
export async function fetchOrgUnits(client: DhisClient, ids: string[], o: RequestOptions = {}): Promise<OrgUnitRef[]> {
  if (ids.length === 0) return []
  const body = await client.get('organisationUnits', { fields: 'id,displayName,path,children::isNotEmpty', filter: `id:in:[${ids.join(',')}]`, paging: false }, o)
  const list = typeof body === 'object' && body !== null ? (body as { organisationUnits?: unknown }).organisationUnits : undefined
  if (!Array.isArray(list)) throw new BadResponseError({ serverMessage: 'organisationUnits: no list' })
  return list.map(parseOrgUnitRef).filter((x): x is OrgUnitRef => x !== undefined)
}
