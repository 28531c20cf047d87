import {execa} from 'execa'
import {createHash} from 'node:crypto'
import {appendFile, chmod, mkdir, readdir, readFile, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {tempDir} from '../../../test/helpers/cli.js'
import {checkPackage} from '../src/store/check.js'
import {computeIntegrity} from '../src/store/integrity.js'
import {getPackage, hasPackage, openStage, putFromDirectory, removePackage, verifyPackage} from '../src/store/store.js'
import {pythonPackage, writeFiles} from './fixtures.js'

let dir: {path: string; cleanup: () => Promise<void>}
let home: {path: string; cleanup: () => Promise<void>}
let env: NodeJS.ProcessEnv
beforeEach(async () => {
  dir = await tempDir()
  home = await tempDir('aigogo-home-')
  env = {AIGOGO_HOME: home.path}
})
afterEach(async () => {
  await dir.cleanup()
  await chmod(home.path, 0o755)
  await execa('chmod', ['-R', 'u+w', home.path])
  await home.cleanup()
})

const FILES = ['utils.py', 'helpers/text.py', 'aigogo.json', 'README.md']

/** The upstream algorithm written independently, in Python (spec §3.5). */
const PYTHON_HASH = `
import hashlib, sys
root, files = sys.argv[1], sys.argv[2:]
h = hashlib.sha256()
for f in sorted(files, key=lambda s: s.encode()):
    h.update(f.encode() + b"\\0" + open(root + "/" + f, "rb").read() + b"\\0")
h.update(b"__manifest__\\0" + open(root + "/aigogo.json", "rb").read())
print("sha256:" + h.hexdigest())
`

describe('content-addressable store', () => {
  it('hashes exactly like an independent implementation of the upstream algorithm', async () => {
    await pythonPackage(dir.path)
    // Names whose UTF-16 order differs from their byte order, and a large file that is streamed.
    await writeFiles(dir.path, {'z\u{1F600}.py': 'emoji\n', 'z\uFF5E.py': 'fullwidth\n'})
    await writeFile(join(dir.path, 'big.bin'), Buffer.alloc(3 * 1024 * 1024 + 7, 7))
    const files = [...FILES, 'z\u{1F600}.py', 'z\uFF5E.py', 'big.bin']
    const ours = await computeIntegrity({dir: dir.path, files, manifestBytes: await readFile(join(dir.path, 'aigogo.json'))})
    const python = await execa('python3', ['-c', PYTHON_HASH, dir.path, ...files])
    expect(ours).toBe(python.stdout.trim())
  })

  it('copies while it hashes, at every size around its 1 MiB buffer, both ways a large file is copied, and counts the bytes', async () => {
    await pythonPackage(dir.path)
    const MiB = 1024 * 1024
    const sizes: Record<string, number> = {'empty.bin': 0, 'one.bin': 1, 'under.bin': MiB - 1, 'exact.bin': MiB, 'over.bin': MiB + 1, 'big/three.bin': 3 * MiB + 7}
    await mkdir(join(dir.path, 'big'))
    // Each file's bytes differ along its length, so a chunk written twice or skipped shows.
    for (const [file, size] of Object.entries(sizes)) await writeFile(join(dir.path, file), Buffer.from(Array.from({length: size}, (_, i) => (i * 7 + size) % 251)))
    const files = [...FILES, ...Object.keys(sizes)]
    const manifestBytes = await readFile(join(dir.path, 'aigogo.json'))
    const python = (await execa('python3', ['-c', PYTHON_HASH, dir.path, ...files])).stdout.trim()
    const total = (await Promise.all(files.map(async (f) => (await stat(join(dir.path, f))).size))).reduce((a, b) => a + b, 0)
    for (const large of ['kernel', 'stream'] as const) {
      const to = join(dir.path, `copy-${large}`)
      const counted = {bytes: -1}
      expect(await computeIntegrity({counted, dir: dir.path, files, manifestBytes}, {large, to}), large).toBe(python)
      expect(counted.bytes, large).toBe(total)
      for (const file of files) expect((await readFile(join(to, file))).equals(await readFile(join(dir.path, file))), `${large} ${file}`).toBe(true)
    }
  })

  it('stores read-only files at the upstream layout and verifies them', async () => {
    await pythonPackage(dir.path)
    const manifestBytes = await readFile(join(dir.path, 'aigogo.json'))
    const stored = await putFromDirectory({dir: dir.path, files: FILES, manifestBytes}, env)
    const hex = stored.integrity.slice('sha256:'.length)
    expect(stored.path).toBe(join(home.path, 'store', 'sha256', hex.slice(0, 2), hex))
    expect(stored.files).toEqual(['README.md', 'aigogo.json', 'helpers/text.py', 'utils.py'])
    expect(await readFile(join(stored.filesDir, 'utils.py'), 'utf8')).toContain('titlecase')
    expect((await stat(join(stored.filesDir, 'utils.py'))).mode & 0o777).toBe(0o444)
    expect((await stat(join(stored.filesDir, 'helpers'))).mode & 0o777).toBe(0o555)
    expect((await stat(stored.filesDir)).mode & 0o777).toBe(0o555)
    expect(await readFile(join(stored.path, 'aigogo.json'))).toEqual(manifestBytes)
    expect(await hasPackage(stored.integrity, env)).toBe(true)
    expect((await verifyPackage(stored.integrity, env)).integrity).toBe(stored.integrity)
    expect(await readdir(join(home.path, 'tmp'))).toEqual([])
    // Idempotent: a second put returns the same package.
    expect((await putFromDirectory({dir: dir.path, files: FILES, manifestBytes}, env)).path).toBe(stored.path)
  })

  it('admits a filled stage by rename, with the integrity a copy-in put gives', async () => {
    await pythonPackage(dir.path)
    const manifestBytes = await readFile(join(dir.path, 'aigogo.json'))
    const stage = await openStage(env)
    for (const file of FILES) {
      await mkdir(join(stage.dir, file, '..'), {recursive: true})
      await writeFile(join(stage.dir, file), await readFile(join(dir.path, file)))
    }
    const inode = (await stat(join(stage.dir, 'utils.py'))).ino
    const stored = await stage.commit({files: FILES, manifestBytes})
    expect(stored.integrity).toBe(await computeIntegrity({dir: dir.path, files: FILES, manifestBytes}))
    // Moved, not copied: the very file the producer wrote is now in the store, read-only.
    expect((await stat(join(stored.filesDir, 'utils.py'))).ino).toBe(inode)
    expect((await stat(join(stored.filesDir, 'utils.py'))).mode & 0o777).toBe(0o444)
    expect((await verifyPackage(stored.integrity, env)).files).toEqual(['README.md', 'aigogo.json', 'helpers/text.py', 'utils.py'])
    await stage.discard()
    expect(await readdir(join(home.path, 'tmp'))).toEqual([])
    // The same content staged again keeps the stored copy.
    const again = await openStage(env)
    for (const file of FILES) {
      await mkdir(join(again.dir, file, '..'), {recursive: true})
      await writeFile(join(again.dir, file), await readFile(join(dir.path, file)))
    }
    expect((await again.commit({files: FILES, manifestBytes})).path).toBe(stored.path)
    expect(await readdir(join(home.path, 'tmp'))).toEqual([])
  })

  it('refuses a stage holding files that were not listed, and leaves nothing behind', async () => {
    await pythonPackage(dir.path)
    const manifestBytes = await readFile(join(dir.path, 'aigogo.json'))
    const stage = await openStage(env)
    await writeFile(join(stage.dir, 'aigogo.json'), manifestBytes)
    await writeFile(join(stage.dir, 'stray.py'), 'print("not listed")\n')
    await expect(stage.commit({files: ['aigogo.json'], manifestBytes})).rejects.toMatchObject({code: 'STORE_STAGE_MISMATCH', exit: 70})
    await expect(readdir(join(home.path, 'store'))).rejects.toMatchObject({code: 'ENOENT'})
    expect(await readdir(join(home.path, 'tmp'))).toEqual([])
    const unsafe = await openStage(env)
    await expect(unsafe.commit({files: ['../x'], manifestBytes})).rejects.toMatchObject({code: 'PACKAGE_PATH_UNSAFE'})
    expect(await readdir(join(home.path, 'tmp'))).toEqual([])
  })

  it('reports a tampered package with STORE_TAMPERED', async () => {
    await pythonPackage(dir.path)
    const stored = await putFromDirectory({dir: dir.path, files: FILES, manifestBytes: await readFile(join(dir.path, 'aigogo.json'))}, env)
    const file = join(stored.filesDir, 'utils.py')
    await chmod(stored.filesDir, 0o755)
    await chmod(file, 0o644)
    await writeFile(file, 'import os; os.system("evil")\n')
    await expect(verifyPackage(stored.integrity, env)).rejects.toMatchObject({code: 'STORE_TAMPERED'})
  })

  it('answers missing packages and bad digests with coded errors', async () => {
    const absent = `sha256:${'ab'.repeat(32)}`
    expect(await hasPackage(absent, env)).toBe(false)
    expect(await getPackage(absent, env)).toBeUndefined()
    await expect(verifyPackage(absent, env)).rejects.toMatchObject({code: 'STORE_MISSING'})
    await expect(hasPackage('sha256:xyz', env)).rejects.toMatchObject({code: 'INTEGRITY_INVALID'})
  })

  it('refuses file paths that leave the package directory', async () => {
    await pythonPackage(dir.path)
    const manifestBytes = await readFile(join(dir.path, 'aigogo.json'))
    for (const bad of ['../etc/passwd', '/etc/passwd', 'a/../../b']) {
      await expect(putFromDirectory({dir: dir.path, files: [bad], manifestBytes}, env)).rejects.toMatchObject({code: 'PACKAGE_PATH_UNSAFE'})
    }
    await expect(putFromDirectory({dir: dir.path, files: ['nope.py'], manifestBytes}, env)).rejects.toMatchObject({code: 'PACKAGE_FILE_MISSING'})
    expect(await readdir(join(home.path, 'tmp'))).toEqual([])
  })

  it('stores the same content from two processes at once, once', async () => {
    await pythonPackage(dir.path)
    await mkdir(join(dir.path, 'many'))
    for (let i = 0; i < 200; i++) await writeFile(join(dir.path, 'many', `f${i}.py`), `x = ${i}\n`)
    const files = [...FILES, ...Array.from({length: 200}, (_, i) => `many/f${i}.py`)]
    const module = new URL('../dist/store/store.js', import.meta.url).href
    const script = `
      import {readFileSync} from 'node:fs'
      const {putFromDirectory} = await import(${JSON.stringify(module)})
      const [dir, ...files] = process.argv.slice(1)
      const stored = await putFromDirectory({dir, files, manifestBytes: readFileSync(dir + '/aigogo.json')})
      console.log(stored.integrity)`
    const put = () => execa(process.execPath, ['--input-type=module', '-e', script, dir.path, ...files], {env: {AIGOGO_HOME: home.path}})
    const [a, b] = await Promise.all([put(), put()])
    expect(a.stdout).toBe(b.stdout)
    const shard = a.stdout.slice(7, 9)
    expect(await readdir(join(home.path, 'store', 'sha256', shard))).toEqual([a.stdout.slice(7)])
    expect(await readdir(join(home.path, 'tmp'))).toEqual([])
    expect((await verifyPackage(a.stdout, env)).files).toHaveLength(files.length)
  })
})

describe('a stage filled through writeFile (the hash taken while the files are written)', () => {
  const contentOf = async (file: string): Promise<Buffer> => readFile(join(dir.path, file))
  /** Writes `files` through the stage's writer in this order, each in chunks of `chunk` bytes. */
  async function fill(stage: Awaited<ReturnType<typeof openStage>>, files: readonly string[], chunk = 5): Promise<void> {
    for (const file of files) {
      const bytes = await contentOf(file)
      const writer = stage.writeFile!(file)
      for (let at = 0; at < bytes.length; at += chunk) writer.write(bytes.subarray(at, at + chunk))
      writer.close()
    }
  }

  it('gives the integrity a copy-in put gives, for files written in path order; the full check adds the file digests', async () => {
    await pythonPackage(dir.path)
    await writeFiles(dir.path, {'z\u{1F600}.py': 'emoji\n', 'z\uFF5E.py': 'fullwidth\n'})
    const files = [...FILES, 'z\u{1F600}.py', 'z\uFF5E.py']
    const manifestBytes = await contentOf('aigogo.json')
    const stage = await openStage(env)
    // Byte order of the paths: README.md, aigogo.json, helpers/text.py, utils.py, then the two z files.
    await fill(stage, ['README.md', 'aigogo.json', 'helpers/text.py', 'utils.py', 'z\uFF5E.py', 'z\u{1F600}.py'])
    const stored = await stage.commit({files, manifestBytes})
    expect(stored.integrity).toBe(await computeIntegrity({dir: dir.path, files, manifestBytes}))
    // Every file is indexed by its stats; no file's own digest was computed (a third hash per byte).
    const before = JSON.parse(await readFile(join(stored.path, 'index.json'), 'utf8')) as {entries: Record<string, {size: number; sha256?: string}>}
    expect(Object.keys(before.entries).sort()).toEqual(['aigogo.json', ...files.map((f) => `files/${f}`)].sort())
    expect(before.entries['files/utils.py']).toMatchObject({size: (await contentOf('utils.py')).length})
    expect(before.entries['files/utils.py']).not.toHaveProperty('sha256')
    expect(before.entries['aigogo.json']!.sha256).toBe(createHash('sha256').update(manifestBytes).digest('hex'))
    // The full re-hash agrees and records each file's digest.
    expect((await verifyPackage(stored.integrity, env)).files).toHaveLength(files.length)
    const index = JSON.parse(await readFile(join(stored.path, 'index.json'), 'utf8')) as {entries: Record<string, {sha256: string}>}
    expect(index.entries['files/utils.py']!.sha256).toBe(createHash('sha256').update(await contentOf('utils.py')).digest('hex'))
    expect(await readdir(join(home.path, 'tmp'))).toEqual([])
  })

  it('reads nothing back at commit: the integrity is of the bytes the writer wrote', async () => {
    await pythonPackage(dir.path)
    const manifestBytes = await contentOf('aigogo.json')
    const stage = await openStage(env)
    await fill(stage, ['README.md', 'aigogo.json', 'helpers/text.py', 'utils.py'])
    // Same size, other bytes, behind the writer's back (only a bug in the producer could do this):
    // a commit that read the stage again would hash these.
    const utils = await contentOf('utils.py')
    await writeFile(join(stage.dir, 'utils.py'), Buffer.alloc(utils.length, 0x23))
    expect((await stage.commit({files: FILES, manifestBytes})).integrity).toBe(await computeIntegrity({dir: dir.path, files: FILES, manifestBytes}))
  })

  it('hashes the stage from disk when the files came out of order, or one changed after it was written', async () => {
    await pythonPackage(dir.path)
    const manifestBytes = await contentOf('aigogo.json')
    const expected = await computeIntegrity({dir: dir.path, files: FILES, manifestBytes})
    // A tar layer's directory-walk order: utils.py before README.md is not byte order.
    const unordered = await openStage(env)
    await fill(unordered, ['utils.py', 'helpers/text.py', 'aigogo.json', 'README.md'])
    const stored = await unordered.commit({files: FILES, manifestBytes})
    expect(stored.integrity).toBe(expected)
    await removePackage(expected, env)
    // In order, but a file grew after its writer closed: the stage's bytes are what count.
    const grown = await openStage(env)
    await fill(grown, ['README.md', 'aigogo.json', 'helpers/text.py', 'utils.py'])
    await appendFile(join(grown.dir, 'utils.py'), '# appended\n')
    const grownStored = await grown.commit({files: FILES, manifestBytes})
    await appendFile(join(dir.path, 'utils.py'), '# appended\n')
    expect(grownStored.integrity).toBe(await computeIntegrity({dir: dir.path, files: FILES, manifestBytes}))
    expect(grownStored.integrity).not.toBe(expected)
    expect((await verifyPackage(grownStored.integrity, env)).files).toHaveLength(FILES.length)
  })

  it('a file stored without its own digest is still caught when edited, and a touched one found intact by the integrity', async () => {
    await pythonPackage(dir.path)
    const manifestBytes = await contentOf('aigogo.json')
    const stage = await openStage(env)
    await fill(stage, ['README.md', 'aigogo.json', 'helpers/text.py', 'utils.py'])
    const stored = await stage.commit({files: FILES, manifestBytes})
    const file = join(stored.filesDir, 'utils.py')
    const utils = await contentOf('utils.py')
    // Touched, not changed: the cheap check cannot decide by a digest it lacks; the integrity says intact.
    await chmod(file, 0o644)
    await chmod(file, 0o444)
    expect(await checkPackage(stored.integrity, {}, env)).toEqual({full: true, state: 'intact'})
    // ...and the index it rewrote has every file's digest and the new stats.
    const index = JSON.parse(await readFile(join(stored.path, 'index.json'), 'utf8')) as {entries: Record<string, {sha256: string; ctimeNs: string}>}
    expect(index.entries['files/utils.py']!.sha256).toBe(createHash('sha256').update(utils).digest('hex'))
    expect(await checkPackage(stored.integrity, {}, env)).toEqual({full: false, state: 'intact'})
    await removePackage(stored.integrity, env)
    // Edited in place, same size (the size alone cannot see it): tampered, and named.
    const again = await openStage(env)
    await fill(again, ['README.md', 'aigogo.json', 'helpers/text.py', 'utils.py'])
    const restored = await again.commit({files: FILES, manifestBytes})
    await chmod(restored.filesDir, 0o755)
    await chmod(file, 0o644)
    await writeFile(file, Buffer.alloc(utils.length, 0x23))
    expect(await checkPackage(restored.integrity, {}, env)).toMatchObject({changed: ['files/utils.py'], state: 'tampered'})
    await expect(verifyPackage(restored.integrity, env)).rejects.toMatchObject({code: 'STORE_TAMPERED', details: {changed: ['files/utils.py']}})
  })

  it('refuses a path that leaves the stage and a file written twice', async () => {
    await pythonPackage(dir.path)
    const stage = await openStage(env)
    expect(() => stage.writeFile!('../escape.py')).toThrow(expect.objectContaining({code: 'PACKAGE_PATH_UNSAFE'}))
    stage.writeFile!('utils.py').close()
    expect(() => stage.writeFile!('utils.py')).toThrow(expect.objectContaining({code: 'EEXIST'}))
    await stage.discard()
    expect(await readdir(join(home.path, 'tmp'))).toEqual([])
  })
})
