/** Public entry of the sandbox for scripts and tests: `startSandbox(options)`. */
export { startSandbox, type Sandbox, type SandboxOptions } from './server'
export type { Store } from './store/store'
