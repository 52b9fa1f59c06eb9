/** The current user (/api/me): roots for the org-unit tree, authorities, UI locale. */
import type { DhisClient, RequestOptions } from './client'
import { BadResponseError } from './errors'

export interface OrgUnitRef {
  id: string
  displayName: string
  path: string
  hasChildren: boolean
}

export interface CurrentUser {
  id: string
  username: string
  displayName: string
  authorities: string[]
  /** Analytics roots: data-view org units, else capture org units. */
  roots: OrgUnitRef[]
  captureOrgUnits: OrgUnitRef[]
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string => (typeof v === 'string' ? v : '')

export const ME_FIELDS =
  'id,username,displayName,firstName,surname,authorities,organisationUnits[id,displayName,path,children::isNotEmpty],dataViewOrganisationUnits[id,displayName,path,children::isNotEmpty]'

export function parseOrgUnitRef(o: unknown): OrgUnitRef | undefined {
  if (!isObj(o) || typeof o.id !== 'string') return undefined
  const children = o.children
  const hasChildren = typeof children === 'boolean' ? children : Array.isArray(children) ? children.length > 0 : typeof o.childCount === 'number' ? o.childCount > 0 : true
  return { id: o.id, displayName: str(o.displayName) || str(o.name) || o.id, path: str(o.path) || `/${o.id}`, hasChildren }
}

const refs = (v: unknown): OrgUnitRef[] => (Array.isArray(v) ? v.map(parseOrgUnitRef).filter((x): x is OrgUnitRef => x !== undefined) : [])

/** Parses /api/me from 2.40–2.42 (empty lists omitted in 2.40/2.41, `[]` in 2.42). */
export function parseMe(body: unknown): CurrentUser {
  if (!isObj(body) || typeof body.id !== 'string') throw new BadResponseError({ serverMessage: 'me: no id' })
  const capture = refs(body.organisationUnits)
  const view = refs(body.dataViewOrganisationUnits)
  const name = str(body.displayName) || [str(body.firstName), str(body.surname)].filter(Boolean).join(' ') || str(body.username)
  const authorities = Array.isArray(body.authorities) ? body.authorities.filter((a): a is string => typeof a === 'string') : []
  return { id: body.id, username: str(body.username), displayName: name, authorities, roots: view.length ? view : capture, captureOrgUnits: capture }
}

export async function fetchMe(client: DhisClient, o: RequestOptions = {}): Promise<CurrentUser> {
  return parseMe(await client.get('me', { fields: ME_FIELDS }, o))
}

/** Which of `needed` the user lacks (ALL grants everything). */
export function missingAuthorities(user: Pick<CurrentUser, 'authorities'>, needed: string[]): string[] {
  if (user.authorities.includes('ALL')) return []
  return needed.filter((a) => !user.authorities.includes(a))
}
