/**
 * `npm start`: the sandbox (local DHIS2 stand-in) + the App Platform dev server, so the browser
 * opens the app already logged in as a demo user.
 *
 *   npm start                                  sandbox 2.41, user admin (English)
 *   npm start -- --user fatoumata              the French-speaking district user
 *   npm start -- --dhis2-version 2.42 --pairs 5000
 *   npm start -- --proxy https://play.im.dhis2.org/stable-2-41-1   real DHIS2, no sandbox (log in in the app)
 *
 * Sandbox mode: the sandbox listens on :8080; a small dev-only auth proxy on :8081 adds HTTP Basic
 * credentials of the demo user to every API call (the sandbox accepts Basic auth, as DHIS2 does),
 * and the app dev server (:3000) uses it as DHIS2_BASE_URL. Nothing of this is in the built app.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const argv = process.argv.slice(2)
const opt = (name: string, dflt?: string): string | undefined => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? argv[i + 1] : dflt
}

const DEMO_USERS: Record<string, string> = { admin: 'district', fatoumata: 'district', clinique: 'district' }
const appPort = Number(opt('port', '3000'))
const children: ChildProcess[] = []

function shutdown(code = 0): void {
  for (const c of children) if (c.exitCode === null && c.pid) c.kill('SIGTERM')
  process.exit(code)
}
process.on('SIGINT', () => shutdown(0))
process.on('SIGTERM', () => shutdown(0))

function startAppServer(env: Record<string, string>, extraArgs: string[] = []): void {
  const child = spawn(path.join(root, 'node_modules/.bin/d2-app-scripts'), ['start', ...extraArgs], { cwd: root, stdio: 'inherit', env: { ...process.env, PORT: String(appPort), BROWSER: 'none', ...env } })
  children.push(child)
  child.on('exit', (code) => shutdown(code ?? 0))
}

function openBrowser(url: string): void {
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log(`\n  Dyad: open ${url} in your browser\n`)
    return
  }
  const c = spawn('/usr/bin/chromium', [url], { stdio: 'ignore', detached: true })
  c.on('error', () => console.log(`\n  Dyad: open ${url} in your browser\n`))
  c.unref()
}

/** Dev-only proxy: forwards to the sandbox, adding the demo user's Basic credentials. */
function authProxy(target: URL, port: number, username: string, password: string): Promise<void> {
  const auth = 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64')
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers, host: target.host }
    if (!headers.authorization) headers.authorization = auth
    const up = http.request({ hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers)
      r.pipe(res)
    })
    up.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'text/plain' })
      res.end(`sandbox unreachable: ${e.message}`)
    })
    req.pipe(up)
  })
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve()))
}

async function main(): Promise<void> {
  const proxy = opt('proxy')
  if (proxy) {
    console.log(`Dyad: app dev server against ${proxy} (proxied on :8080); log in with your DHIS2 account.`)
    startAppServer({ DHIS2_BASE_URL: 'http://localhost:8080' }, ['--proxy', proxy, '--proxyPort', '8080'])
    setTimeout(() => openBrowser(`http://localhost:${appPort}`), 15_000)
    return
  }
  const user = opt('user', 'admin') as string
  const password = DEMO_USERS[user]
  if (!password) throw new Error(`unknown demo user ${user} (use one of ${Object.keys(DEMO_USERS).join(', ')})`)
  const sandboxPort = Number(opt('sandbox-port', '8080'))
  const { startSandbox } = await import('../sandbox/server')
  const sandbox = await startSandbox({
    version: (opt('dhis2-version', '2.41') as '2.40' | '2.41' | '2.42'),
    pairs: Number(opt('pairs', '2000')),
    port: sandboxPort,
    host: '127.0.0.1',
  })
  console.log(`Dyad: sandbox ${sandbox.url} (users admin, fatoumata, clinique; password district)`)
  await authProxy(new URL(sandbox.url), sandboxPort + 1, user, password)
  console.log(`Dyad: dev auth proxy on :${sandboxPort + 1}, logged in as ${user}`)
  startAppServer({ DHIS2_BASE_URL: `http://localhost:${sandboxPort + 1}` })
  setTimeout(() => openBrowser(`http://localhost:${appPort}`), 15_000)
}

main().catch((e) => {
  console.error(e)
  shutdown(1)
})
