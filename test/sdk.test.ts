import {execa} from 'execa'
import {readdir, readFile, writeFile} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {
  AigogoError,
  aigogoDirs,
  dataError,
  isInside,
  isSafeName,
  isSafeRelativePath,
  joinInside,
  parseJsonText,
  quoteUntrusted,
  readJsonFile,
  redactSecrets,
  renderErrorJson,
  renderErrorText,
  safeName,
  safeRelativePath,
  withLock,
  writeJsonAtomic,
} from '@aigogo/sdk'

import {REPO_ROOT, tempDir} from './helpers/cli.js'

let dir: {path: string; cleanup: () => Promise<void>}
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(async () => dir.cleanup())

describe('coded errors', () => {
  it('renders summary, what to do and the exit bucket', () => {
    const error = dataError('BAD_THING', 'the thing is bad', ['fix the thing', 'or remove it'])
    expect(error.exit).toBe(3)
    expect(renderErrorText(error)).toBe('Error: the thing is bad\nWhat to do:\n  - fix the thing\n  - or remove it\n[exit 3: BAD_THING]\n')
    expect(JSON.parse(renderErrorJson(error))).toEqual({error: {code: 'BAD_THING', exit: 3, hints: ['fix the thing', 'or remove it'], message: 'the thing is bad'}})
  })

  it('recognises errors from another copy of the SDK by brand, not by class', () => {
    const foreign = Object.assign(new Error('x'), {[Symbol.for('aigogo.error')]: true})
    expect(AigogoError.is(foreign)).toBe(true)
    expect(AigogoError.is(new Error('x'))).toBe(false)
  })
})

describe('JSON files', () => {
  it('names the line and column of a syntax error', () => {
    const text = '{\n  "name": "x",\n  "version": 1.0.0\n}'
    const error = (() => {
      try {
        parseJsonText(text, '/p/aigogo.json', {code: 'MANIFEST_MALFORMED', what: 'aigogo.json'})
      } catch (e) {
        return e as AigogoError
      }
    })()
    expect(error?.code).toBe('MANIFEST_MALFORMED')
    expect(error?.message).toContain('/p/aigogo.json:3:')
    expect(error?.details).toMatchObject({line: 3})
  })

  it('reads a missing file as undefined', async () => {
    expect(await readJsonFile(join(dir.path, 'nope.json'), {code: 'X', what: 'x'})).toBeUndefined()
  })
})

describe('atomic writes', () => {
  it('replaces the content and leaves no staging file behind', async () => {
    const file = join(dir.path, 'state.json')
    await writeFile(file, 'old')
    await writeJsonAtomic(file, {a: 1})
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({a: 1})
    expect(await readdir(dir.path)).toEqual(['state.json'])
  })
})

describe('locks', () => {
  it('serialises two processes that take the same lock', async () => {
    const log = join(dir.path, 'log')
    const lockFile = join(dir.path, 'locks', 'x.lock')
    const sdk = join(REPO_ROOT, 'src', 'sdk', 'dist', 'index.js')
    const worker = `
      import {withLock} from ${JSON.stringify(sdk)}
      import {appendFileSync} from 'node:fs'
      import {setTimeout as sleep} from 'node:timers/promises'
      await withLock(${JSON.stringify(lockFile)}, async () => {
        appendFileSync(${JSON.stringify(log)}, 'start\\n')
        await sleep(150)
        appendFileSync(${JSON.stringify(log)}, 'end\\n')
      })`
    await Promise.all([execa('node', ['--input-type=module', '-e', worker]), execa('node', ['--input-type=module', '-e', worker])])
    expect(await readFile(log, 'utf8')).toBe('start\nend\nstart\nend\n')
  })

  it('takes over a lock whose owner process is gone', async () => {
    const lockFile = join(dir.path, 'stale.lock')
    const child = execa('node', ['-e', '0'])
    const pid = child.pid
    await child
    expect(pid).toBeGreaterThan(0)
    await writeFile(lockFile, String(pid))
    expect(await withLock(lockFile, async () => 'ran', {timeoutMs: 2000})).toBe('ran')
  })

  it('gives up with LOCKED when a live process holds the lock', async () => {
    const lockFile = join(dir.path, 'held.lock')
    await writeFile(lockFile, String(process.ppid))
    const error = await withLock(lockFile, async () => 'ran', {timeoutMs: 100, what: 'the store'}).catch((e: unknown) => e)
    expect(error).toMatchObject({code: 'LOCKED', exit: 2})
  })
})

describe('directories', () => {
  it('uses AIGOGO_HOME when set and ~/.aigogo otherwise', () => {
    expect(aigogoDirs({AIGOGO_HOME: '/data/ag'}).store).toBe('/data/ag/store')
    expect(aigogoDirs({HOME: '/home/u'} as NodeJS.ProcessEnv).home).toMatch(/\.aigogo$/)
  })
})

describe('names that become paths', () => {
  it.each(['my-utils', 'my_utils', '_123pkg', 'a', 'v1.2.3', 'A'.repeat(214)])('accepts %j', (name) => {
    expect(safeName(name, {what: 'package name'})).toBe(name)
    expect(isSafeName(name)).toBe(true)
  })

  it.each(['', '.', '..', '../x', '../../../../x', 'a/b', 'a\\b', '/abs', '.hidden', '-flag', 'a b', 'x\nimport os', 'nul\0', 'é', 'A'.repeat(215)])(
    'refuses %j from a package as NAME_INVALID, exit 3',
    (name) => {
      expect(isSafeName(name)).toBe(false)
      expect(() => safeName(name, {source: 'aigogo.lock', what: 'lock key'})).toThrow(expect.objectContaining({code: 'NAME_INVALID', exit: 3}))
    },
  )

  it('refuses a name the user typed as a usage error (exit 1), and never a non-string', () => {
    expect(() => safeName('../x', {origin: 'argument', what: 'plugin name'})).toThrow(expect.objectContaining({code: 'NAME_INVALID', exit: 1}))
    for (const value of [undefined, null, 42, {}]) expect(() => safeName(value, {what: 'package name'})).toThrow(expect.objectContaining({code: 'NAME_INVALID'}))
  })

  it('says where the name came from and prints it quoted, controls escaped and cut', () => {
    const error = (() => {
      try {
        safeName(`../${'x'.repeat(200)}\nimport os`, {source: 'aigogo.lock', what: 'lock key'})
      } catch (error_) {
        return error_ as AigogoError
      }
    })()
    expect(error?.message).toContain('lock key "../xxx')
    expect(error?.message).toContain('in aigogo.lock')
    expect(error?.message).not.toContain('\n')
    expect(error?.details).toMatchObject({source: 'aigogo.lock', what: 'lock key'})
    expect(quoteUntrusted('a\nb')).toBe('"a\\nb"')
    expect(quoteUntrusted('x'.repeat(100), 10)).toBe(`"${'x'.repeat(10)}…"`)
  })

  it('joins inside a directory and refuses any result that is not strictly below it', () => {
    expect(joinInside('/r/imports', 'pkg')).toBe('/r/imports/pkg')
    expect(joinInside('/r/imports', 'a/b')).toBe('/r/imports/a/b')
    for (const part of ['..', '../x', '../../etc/passwd', '/etc/passwd', '.', '', 'a/../../x']) {
      expect(() => joinInside('/r/imports', part)).toThrow(expect.objectContaining({code: 'PATH_ESCAPES', exit: 3}))
    }
    // A sibling that shares the prefix is not inside.
    expect(() => joinInside('/r/imports', '../imports-evil')).toThrow(expect.objectContaining({code: 'PATH_ESCAPES'}))
    expect(isInside('/r/imports', '/r/imports-evil')).toBe(false)
    expect(isInside('/r/imports', '/r/imports')).toBe(true)
    expect(isInside('/r/imports', '/r/imports/..x')).toBe(true)
    // Plain relative parts are joined without resolve: the same paths resolve gives, for every root form.
    for (const root of ['/r/imports', '/r/imports/', '/', '/r//x/../imports', 'relative/root', '.']) {
      for (const parts of [['a'], ['a/b.py'], ['a', 'b/c'], ['..x', '.hidden/f'], ['sp ace/ü.py'], ['a', '..', 'b'], ['a/b', '../c']]) {
        expect(joinInside(root, ...parts), `${root} + ${parts.join(' + ')}`).toBe(resolve(root, ...parts))
      }
    }
    expect(() => joinInside('/r', 'a', '..')).toThrow(expect.objectContaining({code: 'PATH_ESCAPES'}))
  })

  it('checks relative package paths (one checker for the store and the registry)', () => {
    for (const path of ['a.py', 'sub/mod.py', '..x/y', 'a..b']) expect(isSafeRelativePath(path)).toBe(true)
    for (const path of ['', '/abs', '../x', 'a/../b', './a', 'a//b', 'a/', 'a\\b', 'C:x', 'n\0l']) expect(isSafeRelativePath(path)).toBe(false)
    // Archives write "./a" and "dir/": normalised, then checked.
    expect(safeRelativePath('./sub/mod.py')).toBe('sub/mod.py')
    expect(safeRelativePath('sub/')).toBe('sub')
    for (const raw of ['../escaped.py', '/etc/passwd', './', 'a/./b']) {
      expect(() => safeRelativePath(raw)).toThrow(expect.objectContaining({code: 'PACKAGE_UNSAFE_PATH', exit: 3}))
    }
    expect(() => safeRelativePath('../x', {code: 'PACKAGE_PATH_UNSAFE'})).toThrow(expect.objectContaining({code: 'PACKAGE_PATH_UNSAFE'}))
  })
})

describe('redactSecrets', () => {
  it('masks userinfo before a host and leaves digest references, e-mail addresses and scoped packages alone', () => {
    const digest = `sha256:${'a'.repeat(64)}`
    expect(redactSecrets('"alice:pw@localhost:5000/x/y:1" is bad')).toBe('"***@localhost:5000/x/y:1" is bad')
    expect(redactSecrets('https://u:p@ss@ghcr.io/x')).toBe('https://***@ghcr.io/x')
    expect(redactSecrets('ghp_token@ghcr.io/a/b')).toBe('***@ghcr.io/a/b')
    expect(redactSecrets('u:p@[::1]:5000/x')).toBe('***@[::1]:5000/x')
    for (const kept of [`alpine:3@${digest}`, `localhost:5000/x:1@${digest}`, 'mail alice@example.com', 'node_modules/@aigogo/sdk', 'http://127.0.0.1:4873/@scope%2fpkg', 'npm error 404 http://localhost:4873/@aigogo/x/-/x-1.0.0.tgz']) {
      expect(redactSecrets(kept)).toBe(kept)
    }
  })

  it('applies to every rendered error, details included', () => {
    const error = dataError('X', 'pulling a:pw@h.io/r failed', ['retry a:pw@h.io/r'], {nested: {refs: ['a:pw@h.io/r']}})
    expect(renderErrorText(error)).not.toContain(':pw@')
    expect(renderErrorJson(error)).not.toContain(':pw@')
    expect(JSON.parse(renderErrorJson(error)).error.details).toEqual({nested: {refs: ['***@h.io/r']}})
  })
})
