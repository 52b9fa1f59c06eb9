/**
 * Replays the write log on top of the seed (each write re-runs through the same import code,
 * with the store clock set to the write's original time so timestamps stay stable).
 */
import { applyDataStoreWrite } from '../server/handlers/dataStore'
import { applyUserSetting } from '../server/handlers/system'
import type { WriteLog } from './log'
import { importMetadata, parseImportParams } from './metadataImport'
import type { Store } from './store'
import { replayWrite } from './writeOps'
// side effects: register the tracker and aggregate replayers
import './trackerImport'
import './dataValues'

export function replay(store: Store, log: WriteLog, report: (msg: string) => void): number {
  const entries = log.read(report)
  let n = 0
  for (const e of entries) {
    store.clock = () => e.at
    try {
      switch (e.op) {
        case 'metadata':
          importMetadata(store, e.body, parseImportParams(e.params))
          break
        case 'dataStore':
          applyDataStoreWrite(store, e.scope, e.user, e.method, e.namespace, e.key, e.value)
          break
        case 'userSetting':
          applyUserSetting(store, e.user, e.key, e.value)
          break
        default:
          replayWrite(store, e)
      }
      n++
    } catch (err) {
      report(`write log entry ${n + 1} (${e.op} at ${e.at}) could not be replayed: ${(err as Error).message}`)
    } finally {
      store.clock = null
    }
  }
  if (n) store.touch()
  return n
}
