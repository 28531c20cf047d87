/**
 * Running the user's npm for npm plugins. npm reads the user's configuration itself (.npmrc,
 * npm_config_* variables), so the registry, proxies, certificates and tokens are the user's;
 * aigogo never reads a token. npm's output is captured (stdout stays data) and a failure becomes a
 * coded error: 404 → PLUGIN_NOT_FOUND, no matching version → PLUGIN_VERSION_NOT_FOUND, 401/403 →
 * PLUGIN_FETCH_UNAUTHORIZED, network → PLUGIN_FETCH_FAILED, anything else NPM_FAILED, each with
 * the tail of npm's stderr, scrubbed of anything that looks like a credential.
 */
import {dataError, preconditionError, redactSecrets, usageError, withActivity} from '@aigogo/sdk'
import {spawn} from 'node:child_process'

export interface NpmOutput {
  stdout: string
  stderr: string
}

/** Flags for every tree-changing npm call: no scripts, no peers (the host provides them), no dev dependencies, no noise. */
export const TREE_FLAGS = ['--ignore-scripts', '--legacy-peer-deps', '--omit=dev', '--no-audit', '--no-fund', '--no-update-notifier'] as const

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ESOCKETTIMEDOUT', 'FETCH_ERROR', 'ERR_SOCKET_TIMEOUT'])
const AUTH_CODES = new Set(['E401', 'E403', 'ENEEDAUTH', 'EOTP'])

/** Lines of npm's stderr fit to show: credential-looking values masked, the last `lines` kept. */
export function scrubbedTail(stderr: string, lines = 12): string {
  return stderr
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-lines)
    .map((line) =>
      redactSecrets(line)
        .replace(/(_authToken|_auth|_password|token|password)(\s*[=:]\s*)\S+/gi, '$1$2***')
        .replace(/\b(Bearer|Basic)\s+\S+/gi, '$1 ***')
        .replace(/\bnpm_[A-Za-z0-9]{20,}\b/g, '***'),
    )
    .join('\n')
}

function npmErrorCode(stderr: string): string | undefined {
  return /^npm (?:error|ERR!) code (\S+)/m.exec(stderr)?.[1]
}

export function npmFailure(stderr: string, what: string, exitCode: number | null): Error {
  const code = npmErrorCode(stderr)
  const tail = scrubbedTail(stderr)
  const details = {npmCode: code ?? null, npmExit: exitCode, stderr: tail}
  if (code === 'E404') {
    return usageError('PLUGIN_NOT_FOUND', `${what}: the npm registry has no such package (404)`, [
      'check the package name (npm package names are lower case; scoped ones look like @scope/name)',
      'a private package needs a registry and token in your .npmrc: npm config get registry',
      'first-party plugins install by their short name: aigogo plugins install store',
    ], details)
  }
  if (code === 'ETARGET') {
    return usageError('PLUGIN_VERSION_NOT_FOUND', `${what}: no published version matches`, [
      'list the published versions: npm view <package> versions',
      'or leave the version out to install the latest one',
    ], details)
  }
  if (code && AUTH_CODES.has(code)) {
    return usageError('PLUGIN_FETCH_UNAUTHORIZED', `${what}: the npm registry refused the request (${code})`, [
      'log in to the registry (npm login --registry <url>) or put a token in your .npmrc',
    ], details)
  }
  if (code && (NETWORK_CODES.has(code) || code.startsWith('ECONN'))) {
    return dataError('PLUGIN_FETCH_FAILED', `${what}: the npm registry could not be reached (${code})`, [
      'check your network connection and the registry URL: npm config get registry',
      'behind a proxy, set npm\'s proxy/https-proxy config',
    ], details)
  }
  return dataError('NPM_FAILED', `${what}: npm failed${code ? ` (${code})` : ''} with exit code ${exitCode}\n${tail}`, [
    'the lines above are the end of npm\'s own report; its full log is named there',
    'retry; if it persists, run the same npm command in an empty folder to see whether npm or the package is at fault',
  ], details)
}

/** Runs `npm <args>` in `cwd`; resolves with its output, rejects with a coded error. */
export async function runNpm(args: readonly string[], options: {cwd: string; env: NodeJS.ProcessEnv; what: string}): Promise<NpmOutput> {
  return withActivity(`npm ${args[0]} (${options.what})`, () =>
    new Promise<NpmOutput>((resolve, reject) => {
      const child = spawn('npm', args, {
        cwd: options.cwd,
        // Husky and friends must not act on an install in AIGOGO_HOME; npm must not prompt.
        env: {...options.env, HUSKY: '0', npm_config_yes: 'false', npm_config_update_notifier: 'false'},
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stdout = ''
      let stderr = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
      child.on('error', (error: NodeJS.ErrnoException) => {
        reject(error.code === 'ENOENT'
          ? preconditionError('NPM_NOT_FOUND', 'npm plugins are installed with npm, and npm is not on PATH', [
            'npm comes with Node.js: install Node.js (>= 20.18.1) or put npm on PATH',
          ])
          : dataError('NPM_FAILED', `${options.what}: npm could not be started: ${error.message}`, ['check that npm runs: npm --version']))
      })
      child.on('close', (code) => {
        if (code === 0) resolve({stderr, stdout})
        else reject(npmFailure(stderr, options.what, code))
      })
    }),
  )
}

/** The registry npm would use for a package (a scope's own registry first), without credentials. */
export async function npmRegistry(options: {cwd: string; env: NodeJS.ProcessEnv; scope?: string}): Promise<string> {
  const keys = options.scope ? ['registry', `@${options.scope}:registry`] : ['registry']
  const {stdout} = await runNpm(['config', 'get', ...keys], {cwd: options.cwd, env: options.env, what: 'reading npm\'s registry setting'})
  const values = new Map<string, string>()
  const lines = stdout.split('\n').map((l) => l.trim()).filter(Boolean)
  if (keys.length === 1) values.set('registry', lines[0] ?? '')
  else for (const line of lines) {
    const eq = line.indexOf('=')
    if (eq > 0) values.set(line.slice(0, eq), line.slice(eq + 1))
  }
  const scoped = options.scope ? values.get(`@${options.scope}:registry`) : undefined
  const chosen = scoped && scoped !== 'undefined' && scoped !== 'null' ? scoped : values.get('registry')
  return chosen && chosen !== 'undefined' ? chosen : 'https://registry.npmjs.org/'
}
