/**
 * A real Docker Distribution registry (/usr/bin/docker-registry) on 127.0.0.1 for tests:
 * a free port, a private storage dir, optionally htpasswd Basic auth, token auth through a
 * small token server run in this process, and TLS with a throwaway CA.
 *
 *   const registry = await startRegistry({auth: 'htpasswd', tls: true})
 *   await aigogo(['push', `${registry.host}/team/pkg:1.0.0`, ...], {env: registry.env})
 *   await registry.stop()
 */
import {execa, type ResultPromise} from 'execa'
import {createHash, createPublicKey, createSign} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {createServer, type Server} from 'node:http'
import {createServer as createNetServer, Socket} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'

export interface RegistryOptions {
  auth?: 'htpasswd' | 'token'
  tls?: boolean
}

export interface TestRegistry {
  /** host:port to put in references: 127.0.0.1:PORT. */
  host: string
  /** http(s)://127.0.0.1:PORT */
  url: string
  /** The login the registry accepts when auth is on. */
  username: string
  password: string
  /** PEM of the CA that signed the TLS certificate (tls only). */
  caFile?: string
  /** Environment for aigogo to trust the CA (AIGOGO_CA_FILE), empty without TLS. */
  env: Record<string, string>
  /** Tokens the token server issued (token auth only), with the scopes asked for. */
  tokenRequests: {scope: string[]; user?: string}[]
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as {port: number}
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

const USER = 'tester'
const PASSWORD = 'pa55-w0rd'

async function openssl(args: string[], cwd: string): Promise<void> {
  await execa('openssl', args, {cwd, stdio: 'ignore'})
}

async function makeCa(dir: string): Promise<{ca: string; cert: string; key: string}> {
  await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=aigogo test CA'], dir)
  await writeFile(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n')
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir)
  await openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext'], dir)
  return {ca: join(dir, 'ca.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server.key')}
}

/** libtrust key id: base32(sha256(DER SPKI)[:30]) in groups of four, as Distribution expects in "kid". */
function libtrustKeyId(certPem: string): string {
  const der = createPublicKey(certPem).export({format: 'der', type: 'spki'})
  const digest = createHash('sha256').update(der).digest().subarray(0, 30)
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const byte of digest) bits += byte.toString(2).padStart(8, '0')
  let encoded = ''
  for (let i = 0; i + 5 <= bits.length; i += 5) encoded += alphabet[Number.parseInt(bits.slice(i, i + 5), 2)]
  return encoded.match(/.{4}/g)!.join(':')
}

const b64url = (value: Buffer | string): string => Buffer.from(value).toString('base64url')

async function startTokenServer(dir: string, service: string, issued: TestRegistry['tokenRequests']): Promise<{server: Server; realm: string; cert: string}> {
  await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'token.key', '-out', 'token.pem', '-days', '2', '-subj', '/CN=aigogo test token issuer'], dir)
  const key = readFileSync(join(dir, 'token.key'), 'utf8')
  const certPem = readFileSync(join(dir, 'token.pem'), 'utf8')
  const kid = libtrustKeyId(certPem)
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x')
    const scopes = url.searchParams.getAll('scope').flatMap((s) => s.split(' ')).filter(Boolean)
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1]
    let user: string | undefined
    if (basic) {
      const [name, ...rest] = Buffer.from(basic, 'base64').toString().split(':')
      if (name !== USER || rest.join(':') !== PASSWORD) {
        response.writeHead(401, {'content-type': 'application/json'}).end('{"details":"wrong login"}')
        return
      }
      user = name
    }
    issued.push({scope: scopes, user})
    const access = scopes.map((scope) => {
      const [type, ...middle] = scope.split(':')
      const actions = middle.pop()!.split(',')
      return {actions: user ? actions : actions.filter((a) => a === 'pull'), name: middle.join(':'), type}
    })
    const now = Math.floor(Date.now() / 1000)
    const header = b64url(JSON.stringify({alg: 'RS256', kid, typ: 'JWT'}))
    const claims = b64url(JSON.stringify({access, aud: service, exp: now + 300, iat: now, iss: 'aigogo-test-issuer', jti: String(Math.random()), nbf: now - 10, sub: user ?? ''}))
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key)
    response.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify({token: `${header}.${claims}.${b64url(signature)}`}))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as {port: number}
  return {cert: join(dir, 'token.pem'), realm: `http://127.0.0.1:${port}/token`, server}
}

export async function startRegistry(options: RegistryOptions = {}): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'aigogo-registry-'))
  const port = await freePort()
  const host = `127.0.0.1:${port}`
  const issued: TestRegistry['tokenRequests'] = []
  let tokenServer: Server | undefined
  const lines = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${host}`,
    '  secret: aigogo-test-secret',
  ]
  let ca: string | undefined
  if (options.tls) {
    const pki = await makeCa(dir)
    ca = pki.ca
    lines.push('  tls:', `    certificate: ${pki.cert}`, `    key: ${pki.key}`)
  }
  if (options.auth === 'htpasswd') {
    const {stdout} = await execa('htpasswd', ['-Bbn', USER, PASSWORD])
    await writeFile(join(dir, 'htpasswd'), stdout.trim() + '\n')
    lines.push('auth:', '  htpasswd:', '    realm: aigogo-test', `    path: ${join(dir, 'htpasswd')}`)
  }
  if (options.auth === 'token') {
    const token = await startTokenServer(dir, 'aigogo-test-registry', issued)
    tokenServer = token.server
    lines.push('auth:', '  token:', `    realm: ${token.realm}`, '    service: aigogo-test-registry', '    issuer: aigogo-test-issuer', `    rootcertbundle: ${token.cert}`)
  }
  await writeFile(join(dir, 'config.yml'), lines.join('\n') + '\n')
  const child: ResultPromise = execa('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], {reject: false, stdio: ['ignore', 'ignore', 'pipe']})
  const url = `${options.tls ? 'https' : 'http'}://${host}`
  const stop = async (): Promise<void> => {
    child.kill('SIGTERM')
    await child
    if (tokenServer) await new Promise<void>((resolve) => tokenServer!.close(() => resolve()))
    await rm(dir, {force: true, recursive: true})
  }
  await waitUntilUp(host, options.tls === true, child, stop)
  return {
    caFile: ca,
    env: ca ? {AIGOGO_CA_FILE: ca} : {},
    host,
    password: PASSWORD,
    stop,
    tokenRequests: issued,
    url,
    username: USER,
  }
}

async function waitUntilUp(host: string, tls: boolean, child: ResultPromise, stop: () => Promise<void>): Promise<void> {
  const [hostname, port] = [host.split(':')[0]!, Number(host.split(':')[1])]
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) break
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket()
      socket.once('connect', () => (socket.destroy(), resolve(true)))
      socket.once('error', () => resolve(false))
      socket.connect(port, hostname)
    })
    if (open) return
    await sleep(50)
  }
  const stderr = String((await Promise.race([child, sleep(100)]) as {stderr?: string} | undefined)?.stderr ?? '')
  await stop()
  throw new Error(`docker-registry did not start on ${host}${tls ? ' (tls)' : ''}: ${stderr}`)
}
