/**
 * DHIS2 dataStore in the app's namespace (`dyad`, reserved by d2.config.js). GET/PUT on a missing
 * key answer 404, POST on an existing key answers 409: `save` handles both, so callers never
 * need to know whether the key exists. Server messages are never matched on.
 */
import type { DhisClient, RequestOptions } from './client'
import { ConflictError, NotFoundError } from './errors'

export const NAMESPACE = 'dyad'

/** The value at `key`, or undefined when the key does not exist. */
export async function readKey<T = unknown>(client: DhisClient, key: string, o: RequestOptions = {}, namespace = NAMESPACE): Promise<T | undefined> {
  try {
    return await client.get<T>(`dataStore/${namespace}/${key}`, undefined, o)
  } catch (e) {
    if (e instanceof NotFoundError) return undefined
    throw e
  }
}

export async function createKey(client: DhisClient, key: string, value: unknown, o: RequestOptions = {}, namespace = NAMESPACE): Promise<void> {
  await client.post(`dataStore/${namespace}/${key}`, value, undefined, o)
}

export async function updateKey(client: DhisClient, key: string, value: unknown, o: RequestOptions = {}, namespace = NAMESPACE): Promise<void> {
  await client.put(`dataStore/${namespace}`, key, value, undefined, o)
}

/** Deletes `key`; a key already gone is not an error. */
export async function deleteKey(client: DhisClient, key: string, o: RequestOptions = {}, namespace = NAMESPACE): Promise<void> {
  try {
    await client.delete(`dataStore/${namespace}`, key, o)
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e
  }
}

/** Creates or replaces `key`: PUT, and on 404 POST; a POST that meets 409 (created meanwhile) PUTs. */
export async function saveKey(client: DhisClient, key: string, value: unknown, o: RequestOptions = {}, namespace = NAMESPACE): Promise<'created' | 'updated'> {
  try {
    await updateKey(client, key, value, o, namespace)
    return 'updated'
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e
  }
  try {
    await createKey(client, key, value, o, namespace)
    return 'created'
  } catch (e) {
    if (!(e instanceof ConflictError)) throw e
    await updateKey(client, key, value, o, namespace)
    return 'updated'
  }
}
