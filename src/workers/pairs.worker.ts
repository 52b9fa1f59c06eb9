/**
 * The pair worker: tracker pages in, exact indicator values out (protocol.ts). Only wiring here.
 */
import { createPairHandler, type FromWorker } from './protocol'

interface WorkerScope {
  postMessage: (m: FromWorker) => void
  onmessage: ((e: MessageEvent) => void) | null
}

const scope = self as unknown as WorkerScope
const handle = createPairHandler((m) => scope.postMessage(m))
scope.onmessage = (e: MessageEvent) => handle(e.data)
