import {execa} from 'execa'
import {chmod, mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, BIN, tempDir} from './helpers/cli.js'

let dir: {path: string; cleanup: () => Promise<void>}
const scripts: Record<string, string> = {}
/** AIGOGO_HOME with one local build, and PATH with an `aigogo` that runs this checkout. */
let env: Record<string, string>
let build: string

beforeAll(async () => {
  dir = await tempDir()
  for (const shell of ['bash', 'zsh', 'fish']) {
    const result = await aigogo(['completion', shell], {home: dir.path})
    expect(result.exitCode, result.stderr).toBe(0)
    scripts[shell] = join(dir.path, `aigogo.${shell}`)
    await writeFile(scripts[shell]!, result.stdout)
  }
  // zsh finds completion functions by file name on $fpath.
  await mkdir(join(dir.path, 'zfunc'))
  await writeFile(join(dir.path, 'zfunc', '_aigogo'), (await aigogo(['completion', 'zsh'], {home: dir.path})).stdout)
  const bin = join(dir.path, 'bin')
  await mkdir(bin)
  await writeFile(join(bin, 'aigogo'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`)
  await chmod(join(bin, 'aigogo'), 0o755)
  const home = join(dir.path, 'home')
  const pkg = join(dir.path, 'pkg')
  await mkdir(pkg)
  await writeFile(join(pkg, 'mod.py'), 'X = 1\n')
  for (const args of [['init', '--name', 'string-utils', '--description', 'x'], ['add', 'file', 'mod.py'], ['build', 'string-utils:1.2.3', '--no-validate']]) {
    const result = await aigogo(args, {cwd: pkg, home})
    expect(result.exitCode, result.stderr).toBe(0)
  }
  build = 'string-utils:1.2.3'
  env = {AIGOGO_HOME: home, PATH: `${bin}:${process.env.PATH}`}
}, 60_000)
afterAll(async () => dir.cleanup())

/** What bash offers for the line typed so far (ending in a space: a new word), as bash sets it up. */
async function bashComplete(...words: string[]): Promise<string[]> {
  const line = ['aigogo', ...words].join(' ')
  const array = ['aigogo', ...words].map((w) => `'${w}'`).join(' ')
  const script = `source ${scripts.bash}; COMP_LINE='${line}'; COMP_POINT=\${#COMP_LINE}; COMP_WORDS=(${array}); COMP_CWORD=${words.length}; _aigogo; printf '%s\\n' "\${COMPREPLY[@]}"`
  const {stdout} = await execa('bash', ['-c', script], {env})
  return stdout.split('\n').filter(Boolean).sort()
}

async function fishComplete(line: string): Promise<string[]> {
  const {stdout} = await execa('fish', ['--no-config', '-c', `source ${scripts.fish}; complete -C '${line}'`], {env})
  return stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]!).sort()
}

/**
 * A real interactive zsh on a pseudo-terminal (zsh's zpty): compinit loads _aigogo from $fpath as
 * a user's setup does, the line is typed and TAB pressed; compadd passes every match on to the
 * builtin and prints it between markers, which this reads back.
 */
const ZSH_DRIVER = `zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1=''; RPROMPT=''"
zpty -w z "fpath=($ZFUNC \\$fpath); autoload -Uz compinit && compinit -u -d $ZFUNC/.zcompdump"
zpty -w z 'compadd() { local -a hits; builtin compadd -A hits "$@"; local h; for h in $hits; do print -r -- "<""M>$h</""M>"; done; builtin compadd "$@"; }'
zpty -w z 'capture() { _main_complete; print -r -- "<EN""D>"; }; zle -C capture complete-word capture; bindkey "^I" capture'
zpty -n -w z "$LINE"$'\\t'
out=''
while zpty -r z chunk; do out+=$chunk; [[ $out == *'<END>'* ]] && break; done
zpty -d z
print -r -- "$out"`

async function zshComplete(line: string): Promise<string[]> {
  const {stdout} = await execa('zsh', ['-f', '-c', ZSH_DRIVER], {env: {...env, LINE: line, ZFUNC: join(dir.path, 'zfunc')}})
  return [...stdout.matchAll(/<M>(.*?)<\/M>/g)].map((m) => m[1]!).sort()
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

  it('bash completes the values of a flag: its options, or local build refs', async () => {
    expect(await bashComplete('push', 'x', '--format', '')).toEqual(['oci', 'upstream'])
    expect(await bashComplete('show-deps', '--format', 'r')).toEqual(['requirements'])
    expect(await bashComplete('push', 'x', '--from', '')).toEqual([build])
  })

  it('bash completes local build refs where a command takes one, past the ":" bash splits words at', async () => {
    expect(await bashComplete('add', '')).toEqual(['dep', 'dev', 'file', build])
    expect(await bashComplete('remove', 'str')).toEqual([build])
    // Bash replaces only the part after the last ":" of the word.
    expect(await bashComplete('remove', 'string-utils:1')).toEqual(['1.2.3'])
    expect(await bashComplete('add', build, '')).toEqual([])
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

  it('zsh completes commands, flags, flag values and local builds in a real zsh with compinit', async () => {
    expect(await zshComplete('aigogo plu')).toEqual(['plugins'])
    expect(await zshComplete('aigogo plugins l')).toEqual(['link', 'list'])
    expect(await zshComplete('aigogo version --')).toEqual(['--help', '--json'])
    expect(await zshComplete('aigogo push x --format ')).toEqual(['oci', 'upstream'])
    expect(await zshComplete('aigogo show-deps --format p')).toEqual(['package-json', 'pep621', 'pip', 'pnpm', 'poetry', 'pyproject'])
    expect(await zshComplete('aigogo push x --from ')).toEqual([build])
    expect(await zshComplete('aigogo add ')).toEqual(['dep', 'dev', 'file', build])
  })

  it('fish completes commands, subcommands and flags', async () => {
    expect(await fishComplete('aigogo plu')).toEqual(['plugins'])
    expect(await fishComplete('aigogo plugins ')).toContain('list')
    expect(await fishComplete('aigogo version --')).toEqual(['--help', '--json'])
    expect(await fishComplete('aigogo push x --format ')).toEqual(['oci', 'upstream'])
    expect(await fishComplete('aigogo push x --from ')).toEqual([build])
    expect(await fishComplete('aigogo add ')).toEqual(['dep', 'dev', 'file', build])
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
