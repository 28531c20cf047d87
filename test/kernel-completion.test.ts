import {execa} from 'execa'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, tempDir} from './helpers/cli.js'

let dir: {path: string; cleanup: () => Promise<void>}
const scripts: Record<string, string> = {}

beforeAll(async () => {
  dir = await tempDir()
  for (const shell of ['bash', 'zsh', 'fish']) {
    const result = await aigogo(['completion', shell], {home: dir.path})
    expect(result.exitCode, result.stderr).toBe(0)
    scripts[shell] = join(dir.path, `aigogo.${shell}`)
    await writeFile(scripts[shell]!, result.stdout)
  }
})
afterAll(async () => dir.cleanup())

/** What bash offers after the typed words, the last being the word under the cursor. */
async function bashComplete(...words: string[]): Promise<string[]> {
  const array = ['aigogo', ...words].map((w) => `'${w}'`).join(' ')
  const script = `source ${scripts.bash}; COMP_WORDS=(${array}); COMP_CWORD=${words.length}; _aigogo; printf '%s\\n' "\${COMPREPLY[@]}"`
  const {stdout} = await execa('bash', ['-c', script])
  return stdout.split('\n').filter(Boolean).sort()
}

async function fishComplete(line: string): Promise<string[]> {
  const {stdout} = await execa('fish', ['--no-config', '-c', `source ${scripts.fish}; complete -C '${line}'`])
  return stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]!).sort()
}

describe('shell completion', () => {
  it('bash completes top-level commands and topics', async () => {
    expect(await bashComplete('pl')).toEqual(['plugins'])
    expect(await bashComplete('ver')).toEqual(['version'])
  })

  it('bash completes the subcommands of a topic', async () => {
    expect(await bashComplete('plugins', 'l')).toContain('list')
  })

  it('bash completes the flags of the command typed so far', async () => {
    expect(await bashComplete('plugins', 'list', '--')).toEqual(['--help', '--json'])
    expect(await bashComplete('version', '--j')).toEqual(['--json'])
  })

  it('bash registers for both names of the binary', async () => {
    const {stdout} = await execa('bash', ['-c', `source ${scripts.bash}; complete -p aigogo aigg`])
    expect(stdout).toContain('-F _aigogo aigogo')
    expect(stdout).toContain('-F _aigogo aigg')
  })

  it('zsh accepts the script', async () => {
    const result = await execa('zsh', ['-n', scripts.zsh!], {reject: false})
    expect(result.exitCode, result.stderr).toBe(0)
  })

  it('zsh completes commands through compadd', async () => {
    // Drive the function with stand-ins for the completion system's builtins.
    const script = `compadd() { shift; print -l -- "$@"; }; _files() { print FILES; }
source ${scripts.zsh}
words=(aigogo plugins ''); CURRENT=3; PREFIX=''; _aigogo
words=(aigogo plugins list -); CURRENT=4; PREFIX='-'; _aigogo`
    const {stdout} = await execa('zsh', ['-c', script])
    const lines = stdout.split('\n')
    expect(lines).toContain('list')
    expect(lines).toContain('--json')
  })

  it('fish completes commands, subcommands and flags', async () => {
    expect(await fishComplete('aigogo plu')).toEqual(['plugins'])
    expect(await fishComplete('aigogo plugins ')).toContain('list')
    expect(await fishComplete('aigogo version --')).toEqual(['--help', '--json'])
  })

  it('gives the script as JSON with --json', async () => {
    const result = await aigogo(['completion', 'bash', '--json'], {home: dir.path})
    expect(result.exitCode, result.stderr).toBe(0)
    const parsed = JSON.parse(result.stdout) as {shell: string; script: string}
    expect(parsed.shell).toBe('bash')
    expect(parsed.script).toContain('complete -o default -F _aigogo aigogo')
  })

  it('refuses a shell it does not know', async () => {
    const result = await aigogo(['completion', 'powershell'], {home: dir.path})
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('[exit 1: USAGE]')
  })
})
