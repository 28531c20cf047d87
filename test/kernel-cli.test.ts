import {readFile, symlink} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {aigogo, BIN, jsonError, REPO_ROOT, tempDir} from './helpers/cli.js'

let home: {path: string; cleanup: () => Promise<void>}
beforeEach(async () => {
  home = await tempDir()
})
afterEach(async () => home.cleanup())

const pjson = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as {version: string; bin: Record<string, string>}

describe('aigogo binary', () => {
  it('prints its version with --version and -v', async () => {
    for (const flag of ['--version', '-v']) {
      const result = await aigogo([flag], {home: home.path})
      expect(result.exitCode).toBe(0)
      expect(result.stdout).toMatch(new RegExp(`^aigogo/${pjson.version.replaceAll('.', '\\.')} \\S+-\\S+ node-v\\d+`))
    }
  })

  it('answers to the upstream name aigg as well', async () => {
    expect(pjson.bin.aigg).toBe(pjson.bin.aigogo)
    const link = join(home.path, 'aigg')
    await symlink(BIN, link)
    const {execa} = await import('execa')
    const result = await execa(link, ['version', '--json'], {env: {AIGOGO_HOME: home.path}, reject: false})
    expect(result.exitCode).toBe(0)
    expect(JSON.parse(result.stdout).aigogo).toBe(pjson.version)
  })

  it('lists every command of the kernel and the bundled plugins in global help', async () => {
    const result = await aigogo(['--help'], {home: home.path})
    expect(result.exitCode).toBe(0)
    for (const word of ['plugins', 'version', 'completion', 'show-deps']) expect(result.stdout).toContain(word)
  })

  it('describes each topic as a whole, not as its first command', async () => {
    const result = await aigogo(['--help'], {home: home.path})
    const topics = result.stdout.split('\nCOMMANDS\n')[0]!
    expect(topics).toMatch(/\n\s+add\s+Add a package to aigogo\.lock/)
    expect(topics).toMatch(/\n\s+rm\s+Remove files or dependencies from aigogo\.json/)
    expect(topics).not.toContain('Add a runtime dependency to aigogo.json')
  })

  it('reports the kernel version and where each plugin came from', async () => {
    const result = await aigogo(['version', '--json'], {home: home.path})
    expect(result.exitCode).toBe(0)
    const report = JSON.parse(result.stdout) as {aigogo: string; plugins: Array<{name: string; origin: string; version: string}>}
    expect(report.aigogo).toBe(pjson.version)
    expect(report.plugins.map((p) => p.name)).toEqual(['depgen', 'imports', 'mcp', 'registry', 'store'])
    expect(new Set(report.plugins.map((p) => p.origin))).toEqual(new Set(['bundled']))
    const human = await aigogo(['version'], {home: home.path})
    expect(human.stdout).toMatch(/store\s+0\.1\.0\s+bundled/)
  })
})

describe('bad input', () => {
  it('rejects an unknown command with exit 1 and the closest command as a suggestion', async () => {
    const result = await aigogo(['plugns', 'list'], {home: home.path})
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('Error: "plugns" is not an aigogo command')
    expect(result.stderr).toContain('did you mean: aigogo plugins list')
    expect(result.stderr).toContain('[exit 1: UNKNOWN_COMMAND]')
  })

  it('names only the mistyped word when arguments follow it', async () => {
    const result = await aigogo(['verison', 'extra-argument'], {home: home.path})
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('Error: "verison" is not an aigogo command')
    expect(result.stderr).toContain('did you mean: aigogo version')
  })

  it('suggests the right subcommand for a mistyped one', async () => {
    const result = await aigogo(['plugins', 'lst'], {home: home.path})
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('did you mean: aigogo plugins list')
  })

  it('renders an unknown command as one JSON object on stderr with --json', async () => {
    const result = await aigogo(['verison', '--json'], {home: home.path})
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toBe('')
    const error = jsonError(result)
    expect(error.code).toBe('UNKNOWN_COMMAND')
    expect(error.exit).toBe(1)
    expect(error.hints).toContain('did you mean: aigogo version')
  })

  it('names an unknown flag and exits 1', async () => {
    const result = await aigogo(['version', '--frobnicate'], {home: home.path})
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('--frobnicate')
    expect(result.stderr).toContain('[exit 1: USAGE]')
    expect(result.stderr).toContain('aigogo version --help')
    expect(result.stderr).not.toMatch(/^\s+at /m)
  })

  it('refuses a missing required argument with a usage error', async () => {
    const result = await aigogo(['completion'], {home: home.path})
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('[exit 1: USAGE]')
  })
})

describe('help and parse failures', () => {
  it('answers help <command>, -h and <command> -h with the command help, and help <unknown> with UNKNOWN_COMMAND', async () => {
    for (const args of [['help', 'push'], ['push', '-h'], ['push', '--help']]) {
      const result = await aigogo(args, {home: home.path})
      expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(0)
      expect(result.stdout).toContain('$ aigogo push REF --from <value>')
    }
    for (const args of [['help'], ['-h']]) {
      const result = await aigogo(args, {home: home.path})
      expect(result.exitCode, result.stderr).toBe(0)
      expect(result.stdout).toContain('COMMANDS')
    }
    const topic = await aigogo(['help', 'plugins', 'install'], {home: home.path})
    expect(topic.exitCode, topic.stderr).toBe(0)
    expect(topic.stdout).toContain('$ aigogo plugins install NAME')
    const unknown = await aigogo(['help', 'nosuch'], {home: home.path})
    expect(unknown.exitCode).toBe(1)
    expect(unknown.stderr).toContain('[exit 1: UNKNOWN_COMMAND]')
  })

  it('answers --help and -h after unknown words with the same UNKNOWN_COMMAND as the words alone, text and --json', async () => {
    for (const args of [['plugns', '--help'], ['plugns', '-h'], ['-h', 'plugns'], ['plugins', 'lst', '--help']]) {
      const result = await aigogo(args, {home: home.path})
      expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(1)
      expect(result.stderr).toContain('[exit 1: UNKNOWN_COMMAND]')
      expect(result.stderr).toContain('did you mean: aigogo plugins')
      expect(result.stderr).not.toContain('INTERNAL')
    }
    const json = await aigogo(['nosuch', '--help', '--json'], {home: home.path})
    expect(json.exitCode).toBe(1)
    expect(jsonError(json)).toMatchObject({code: 'UNKNOWN_COMMAND', exit: 1})
    const known = await aigogo(['build', 'my-pkg:1.0.0', '--help'], {home: home.path})
    expect(known.exitCode, known.stderr).toBe(0)
    expect(known.stdout).toContain('$ aigogo build')
  })

  it('makes a flag given without its value a usage error (exit 1), text and --json, never INTERNAL', async () => {
    const cases: [string[], string][] = [
      [['push', 'localhost:5000/a/b:1', '--from'], '--from'],
      [['install', '--python'], '--python'],
      [['login', 'localhost:5000', '-u'], '--username'],
      [['search', '--registry'], '--registry'],
      [['show-deps', '.', '--format'], '--format'],
    ]
    for (const [args, flag] of cases) {
      const text = await aigogo(args, {cwd: home.path, home: home.path})
      expect(text.exitCode, `${args.join(' ')}: ${text.stderr}`).toBe(1)
      expect(text.stderr).toContain(`Flag ${flag} expects a value`)
      expect(text.stderr).toContain('[exit 1: USAGE]')
      const json = await aigogo([...args.slice(0, -1), '--json', args.at(-1) as string], {cwd: home.path, home: home.path})
      expect(json.exitCode).toBe(1)
      expect(JSON.parse(json.stderr.trim())).toMatchObject({error: {code: 'USAGE', exit: 1}})
    }
  })
})
