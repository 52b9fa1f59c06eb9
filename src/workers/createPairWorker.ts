/**
 * The one place that constructs the pair worker (`import.meta.url` is resolved by Vite; jest cannot
 * parse it, so tests mock this module). Falls back to the main thread when Worker is unavailable
 * or cannot be started.
 */
import { inlinePort, parseFromWorker, type PairPort } from './protocol'

export function createPairPort(): PairPort {
  if (typeof Worker === 'undefined') return inlinePort()
  let w: Worker
  try {
    w = new Worker(new URL('./pairs.worker.ts', import.meta.url), { type: 'module' })
  } catch {
    return inlinePort()
  }
  return {
    inline: false,
    post: (m) => w.postMessage(m),
    onMessage: (f) => {
      w.onmessage = (e: MessageEvent) => {
        const m = parseFromWorker(e.data)
        if (m) f(m)
      }
      w.onerror = (e: ErrorEvent) => {
        e.preventDefault()
        f({ type: 'error', run: -1, message: e.message || 'worker error' })
      }
    },
    terminate: () => w.terminate(),
  }
}
