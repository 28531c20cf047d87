/**
 * `aigogo mcp` driven by the official MCP client over stdio: the built CLI as a child process,
 * a real docker-registry, a real Python interpreter importing what the agent installed.
 */
import {Client} from '@modelcontextprotocol/sdk/client/index.js'
import {StdioClientTransport} from '@modelcontextprotocol/sdk/client/stdio.js'
import {execa} from 'execa'
import {mkdir, readFile, readdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {BIN, aigogo, cleanEnv, tempDir} from '../../../test/helpers/cli.js'
import {type TestRegistry, startRegistry} from '../../../test/helpers/registry.js'

type ToolResult = {isError?: boolean; structuredContent?: Record<string, unknown>; content: Array<{type: string; text?: string}>}

function ok(result: {exitCode: number; stdout: string; stderr: string}): void {
  if (result.exitCode !== 0) throw new Error(`aigogo failed (${result.exitCode}):\n${result.stdout}\n${result.stderr}`)
}

async function connect(project: string, home: string, env: Record<string, string> = {}): Promise<Client> {
  const transport = new StdioClientTransport({
    args: [BIN, 'mcp', '--project', project],
    command: process.execPath,
    env: cleanEnv({AIGOGO_HOME: home, ...env}),
    stderr: 'pipe',
  })
  const client = new Client({name: 'aigogo-test', version: '1.0.0'})
  await client.connect(transport)
  return client
}

const call = async (client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolResult> => (await client.callTool({arguments: args, name})) as ToolResult

async function authorPackage(home: string, dir: string, registry: TestRegistry): Promise<string> {
  await mkdir(dir, {recursive: true})
  await writeFile(join(dir, 'retry_tools.py'), 'def backoff(attempt):\n    return min(2 ** attempt, 30)\n')
  ok(await aigogo(['init'], {cwd: dir, home}))
  const manifest = JSON.parse(await readFile(join(dir, 'aigogo.json'), 'utf8')) as Record<string, unknown>
  manifest.name = 'retry-tools'
  manifest.ai = {
    capabilities: ['exponential backoff', 'retry policies'],
    summary: 'Backoff delays for retrying flaky HTTP calls',
    usage: 'from aigogo.retry_tools import backoff\ndelay = backoff(3)  # 8 seconds',
  }
  await writeFile(join(dir, 'aigogo.json'), JSON.stringify(manifest, null, 2) + '\n')
  ok(await aigogo(['add', 'file', 'retry_tools.py'], {cwd: dir, home}))
  ok(await aigogo(['build', 'retry-tools:1.0.0'], {cwd: dir, home}))
  const ref = `${registry.host}/team/retry-tools:1.0.0`
  ok(await aigogo(['push', ref, '--from', 'retry-tools:1.0.0'], {env: registry.env, home}))
  return ref
}

describe('aigogo mcp', () => {
  let work: string
  let cleanup: () => Promise<void>
  let registry: TestRegistry
  let ref: string
  let venv: string

  beforeAll(async () => {
    ;({cleanup, path: work} = await tempDir())
    registry = await startRegistry()
    ref = await authorPackage(join(work, 'author-home'), join(work, 'author'), registry)
    venv = join(work, 'venv')
    await execa('python3', ['-m', 'venv', '--without-pip', venv])
  })
  afterAll(async () => {
    await registry?.stop()
    await cleanup()
  })

  it('lists its tools with input schemas', async () => {
    const project = join(work, 'tools-project')
    await mkdir(project)
    const client = await connect(project, join(work, 'home-tools'))
    try {
      const {tools} = await client.listTools()
      expect(tools.map((t) => t.name).sort()).toEqual(['add', 'info', 'install', 'list_installed', 'search'])
      const search = tools.find((t) => t.name === 'search')
      expect(search?.inputSchema.required).toEqual(['query'])
      expect(Object.keys(search?.inputSchema.properties ?? {}).sort()).toEqual(['query', 'registry'])
    } finally {
      await client.close()
    }
  })

  it('an agent searches by a word of the summary, reads info, adds, installs, and Python imports the package', async () => {
    const project = join(work, 'agent-project')
    await mkdir(project)
    const home = join(work, 'home-agent')
    // The default registry comes from the environment: the agent names none.
    const client = await connect(project, home, {...registry.env, AIGOGO_REGISTRY: registry.host, VIRTUAL_ENV: venv})
    try {
      const found = await call(client, 'search', {query: 'flaky'})
      expect(found.isError).toBeFalsy()
      const results = found.structuredContent?.results as Array<{ref: string; name: string; summary: string; capabilities: string[]}>
      expect(results.map((r) => r.ref)).toEqual([ref])
      expect(results[0]?.capabilities).toEqual(['exponential backoff', 'retry policies'])
      expect((await call(client, 'search', {query: 'flaky kubernetes'})).structuredContent?.results).toEqual([])

      const info = await call(client, 'info', {ref})
      expect(info.isError).toBeFalsy()
      expect(info.structuredContent).toMatchObject({ai: {summary: 'Backoff delays for retrying flaky HTTP calls'}, language: {name: 'python'}, name: 'retry-tools', version: '1.0.0'})
      expect(String(info.structuredContent?.digest)).toMatch(/^sha256:[0-9a-f]{64}$/)
      // info reads the manifest and config only: nothing entered the store.
      expect(await readdir(join(home, 'store')).catch(() => [])).toEqual([])
      // What it read is kept: the same answer offline, without signatures, and when the tag was seen.
      const offline = await call(client, 'info', {offline: true, ref})
      expect(offline.isError).toBeFalsy()
      const {signatures: _signatures, ...online} = info.structuredContent ?? {}
      expect(offline.structuredContent).toEqual({...online, confirmedAt: offline.structuredContent?.confirmedAt, offline: true})
      expect(Number.isNaN(Date.parse(String(offline.structuredContent?.confirmedAt)))).toBe(false)

      const added = await call(client, 'add', {ref})
      expect(added.isError).toBeFalsy()
      expect(added.structuredContent).toMatchObject({import: 'from aigogo.retry_tools import ...', key: 'retry_tools'})
      const installed = await call(client, 'install')
      expect(installed.isError).toBeFalsy()
      expect(installed.structuredContent).toMatchObject({upToDate: false})

      const listed = await call(client, 'list_installed')
      expect(listed.structuredContent?.packages).toEqual([
        expect.objectContaining({import: 'from aigogo.retry_tools import ...', installed: true, name: 'retry-tools', usage: 'from aigogo.retry_tools import backoff\ndelay = backoff(3)  # 8 seconds'}),
      ])
      const {resources} = await client.listResources()
      expect(resources.map((r) => r.uri)).toEqual(['aigogo://packages/retry_tools'])
      const usage = await client.readResource({uri: 'aigogo://packages/retry_tools'})
      expect((usage.contents[0] as {text: string}).text).toContain('delay = backoff(3)')
    } finally {
      await client.close()
    }
    const {stdout} = await execa(join(venv, 'bin', 'python'), ['-c', 'from aigogo.retry_tools import backoff; print(backoff(3))'], {cwd: work, env: cleanEnv({PYTHONPATH: undefined}), extendEnv: false})
    expect(stdout).toBe('8')
    const index = await readFile(join(project, '.aigogo', 'AGENTS.md'), 'utf8')
    expect(index).toContain('## retry_tools 1.0.0 (python)')
    expect(index).toContain('- capabilities: exponential backoff; retry policies')
  })

  it("info lists the package's signatures, verified only by a key the project's trust policy names", async () => {
    const publisher = join(work, 'author-home')
    const keys = JSON.parse((await aigogo(['keygen', '--out', join(work, 'mcp-signer'), '--no-password', '--json'], {home: publisher})).stdout) as {keyId: string}
    ok(await aigogo(['sign', ref, '--key', join(work, 'mcp-signer.key')], {env: registry.env, home: publisher}))
    const project = join(work, 'signed-project')
    await mkdir(project)
    const home = join(work, 'home-signed')
    const unsigned = await connect(project, home, registry.env)
    try {
      const info = await call(unsigned, 'info', {ref})
      expect(info.isError, info.content[0]?.text).toBeFalsy()
      // The same shape as `aigogo info --json`: no trusted key for it, so nothing says verified.
      expect(info.structuredContent?.signatures).toEqual([{keyId: keys.keyId, referrer: expect.stringMatching(/^sha256:[0-9a-f]{64}$/)}])
    } finally {
      await unsigned.close()
    }
    // The project trusts the key (aigogo.trust.json beside the lock): the same signature now verifies.
    ok(await aigogo(['trust', 'add', `${registry.host}/team/*`, '--key', join(work, 'mcp-signer.pub'), '--project'], {cwd: project, home}))
    const trusting = await connect(project, home, registry.env)
    try {
      const info = await call(trusting, 'info', {ref})
      expect(info.structuredContent?.signatures).toEqual([expect.objectContaining({keyId: keys.keyId, verified: true})])
    } finally {
      await trusting.close()
    }
  })

  it('a hostile ref through add is a tool error and writes nothing; the server keeps serving', async () => {
    const project = join(work, 'hostile-project')
    await mkdir(project)
    const home = join(work, 'home-hostile')
    const client = await connect(project, home, registry.env)
    try {
      for (const hostile of ['../../etc:1', `${registry.host}/../../x:1`, 'a\nb:1']) {
        const result = await call(client, 'add', {ref: hostile})
        expect(result.isError).toBe(true)
        const error = (result.structuredContent as {error: {code: string; exit: number}}).error
        expect(error.exit).toBe(1)
        expect(error.code).toMatch(/^(REFERENCE_INVALID|REF_INVALID|NAME_INVALID|UNKNOWN_REFERENCE|BUILD_NOT_FOUND)$/)
        expect(result.content[0]?.text).not.toMatch(/\n\s+at /) // no stack trace
      }
      expect(await readdir(project)).toEqual([])
      expect(await readdir(join(home, 'store')).catch(() => [])).toEqual([])
      // A wrong argument type is refused by the schema, also as a tool error.
      const typed = await call(client, 'info', {ref: 42})
      expect(typed.isError).toBe(true)
      expect((await client.listTools()).tools).toHaveLength(5)
    } finally {
      await client.close()
    }
  })

  it('refuses a project directory that does not exist, with a coded error', async () => {
    const result = await aigogo(['mcp', '--project', join(work, 'nope')], {home: join(work, 'home-nope')})
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('[exit 1: PROJECT_NOT_FOUND]')
    expect(result.stdout).toBe('')
  })
})
