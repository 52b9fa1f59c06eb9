/**
 * A small table-driven router: (method, path pattern) → handler. Path patterns are regular
 * expressions over the normalised path; capture groups become ctx.params.
 */
import type { Ctx, Reply } from './http'

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>

export interface Route {
  methods: string[]
  pattern: RegExp
  handler: Handler
  /** Served without a session (login endpoints, public config, static files). */
  public?: boolean
}

export class Router {
  private routes: Route[] = []

  add(methods: string | string[], pattern: RegExp, handler: Handler, options: { public?: boolean } = {}): this {
    this.routes.push({ methods: Array.isArray(methods) ? methods : [methods], pattern, handler, public: options.public })
    return this
  }

  /** The route for a path: `match` when the method fits, `allowed` methods when only the path does. */
  find(method: string, path: string): { route: Route; params: string[] } | { allowed: string[] } | null {
    const allowed: string[] = []
    for (const route of this.routes) {
      const m = route.pattern.exec(path)
      if (!m) continue
      if (route.methods.includes(method) || (method === 'HEAD' && route.methods.includes('GET'))) {
        return { route, params: m.slice(1).map((p) => (p === undefined ? '' : decodeURIComponent(p))) }
      }
      allowed.push(...route.methods)
    }
    return allowed.length ? { allowed } : null
  }
}
