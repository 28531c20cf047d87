/**
 * Stages left by killed commands: `aigogo clean` shows and removes them, and the next command
 * that opens a stage in the same folder removes those whose owner process is gone, never the
 * stage of a running process, never a fresh one, and never what a symlink inside points at.
 */
import {execa, type ResultPromise} from 'execa'
import {chmod, lstat, mkdir, readdir, readFile, symlink, utimes, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {aigogo, cleanEnv, tempDir} from '../../../test/helpers/cli.js'
import {writeFiles} from './fixtures.js'

const STORE_MODULE = join(import.meta.dirname, '..', 'dist', 'store', 'store.js')
// A real command's stage: the store's openStage, filled with a file, then the process waits to be killed.
const HOLDER = `
const {openStage} = await import(${JSON.stringify(STORE_MODULE)})
const stage = await openStage()
const {writeFile} = await import('node:fs/promises')
await writeFile(stage.dir + '/big.bin', Buffer.alloc(1024 * 1024, 7))
process.stdout.write('ready\\n')
setInterval(() => {}, 1000)
`

let work: {path: string; cleanup: () => Promise<void>}
let home: string
const holders: ResultPromise[] = []

beforeEach(async () => {
  work = await tempDir('aigogo-leftovers-')
  home = join(work.path, 'home')
})
afterEach(async () => {
  for (const holder of holders.splice(0)) holder.kill('SIGKILL')
  await Promise.allSettled(holders)
  await work.cleanup()
})

/** Starts a process that holds a store stage; resolves once the stage is written (wrapped: the child is a thenable). */
async function startHolder(): Promise<{child: ResultPromise}> {
  const child = execa(process.execPath, ['--input-type=module', '-e', HOLDER], {env: cleanEnv({AIGOGO_HOME: home}), extendEnv: false, reject: false})
  holders.push(child)
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve())
    child.once('exit', () => reject(new Error(`the holder exited before its stage was ready: ${String(child.stderr?.read() ?? '')}`)))
  })
  return {child}
}

/** A pid that no process has: a child that has already exited. */
async function deadPid(): Promise<number> {
  const child = execa(process.execPath, ['-e', '0'])
  await child
  return child.pid!
}

async function stagesIn(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).sort()
}

/** Makes an entry look older than the grace time (a minute). */
async function age(path: string): Promise<void> {
  const past = new Date(Date.now() - 10 * 60_000)
  await utimes(path, past, past)
}

async function buildSomething(): Promise<void> {
  const project = join(work.path, 'project')
  await mkdir(project, {recursive: true})
  await writeFiles(project, {'a.py': 'x = 1\n'})
  for (const args of [['init', '--name', 'p'], ['add', 'file', 'a.py'], ['build', 'p:1.0.0', '--no-validate']]) {
    const result = await aigogo(args, {cwd: project, home})
    expect(result.exitCode, result.stderr).toBe(0)
  }
}

describe('stages of killed commands', () => {
  it('a SIGKILLed process leaves its stage; the next build removes it, and keeps a running process\'s stage', async () => {
    const {child: killed} = await startHolder()
    const {child: live} = await startHolder()
    killed.kill('SIGKILL')
    await killed
    const tmp = join(home, 'tmp')
    const left = await stagesIn(tmp)
    expect(left).toHaveLength(2)
    expect(left.filter((n) => n.startsWith(`store-${killed.pid}-`) || n.startsWith(`store-${live.pid}-`))).toHaveLength(2)
    for (const name of left) await age(join(tmp, name))
    // A dead owner's stage still inside the grace time is kept: its owner may be on another host.
    const fresh = `build-${await deadPid()}-0123456789ab`
    await mkdir(join(tmp, fresh))

    await buildSomething()
    const after = await stagesIn(tmp)
    expect(after).toHaveLength(2)
    expect(after).toContain(fresh)
    expect(after[1]).toMatch(new RegExp(`^store-${live.pid}-`))
    expect((await readFile(join(tmp, after[1]!, 'files', 'big.bin'))).length).toBe(1024 * 1024)
  })

  it('add and install remove their own dead siblings in the project (.aigogo.lock.tmp-*, ..aigogo.staging-*, ..aigogo.old-*)', async () => {
    await buildSomething()
    const consumer = join(work.path, 'consumer')
    const pid = await deadPid()
    const leftovers = [`.aigogo.lock.tmp-${pid}-0a1b2c3d`, `..aigogo.staging-${pid}-0a1b2c3d`, `..aigogo.old-${pid}-0a1b2c3d`]
    await writeFiles(consumer, {[leftovers[0]!]: '{"half": ', [`${leftovers[1]}/imports/x.py`]: 'x', [`${leftovers[2]}/imports/y.py`]: 'y', 'other.txt': 'mine'})
    for (const name of leftovers) await age(join(consumer, name))
    const added = await aigogo(['add', 'p:1.0.0'], {cwd: consumer, home})
    expect(added.exitCode, added.stderr).toBe(0)
    expect((await readdir(consumer)).sort()).not.toContain(leftovers[0])
    const installed = await aigogo(['install'], {cwd: consumer, home})
    expect(installed.exitCode, installed.stderr).toBe(0)
    expect((await readdir(consumer)).filter((n) => n.includes(`-${pid}-`))).toEqual([])
    expect(await readFile(join(consumer, 'other.txt'), 'utf8')).toBe('mine')
  })
})

describe('aigogo clean --leftovers', () => {
  it('shows the stages of dead owners everywhere aigogo stages (count, size), removes them, read-only trees included, and follows no symlink', async () => {
    const pid = await deadPid()
    const tmp = join(home, 'tmp')
    const outside = join(work.path, 'outside')
    await writeFiles(outside, {'keep.txt': 'precious'})
    const stages = {
      atomic: join(home, 'state', `.plugins.json.tmp-${pid}-0a1b2c3d`),
      build: join(tmp, `build-${pid}-00aa11bb22cc`),
      buildTrash: join(tmp, `build-${pid}-00aa11bb22cc.old`),
      plugin: join(home, 'plugins', `.staging-evil-${pid}-a1b2c3d4e5f6`),
      store: join(tmp, `store-${pid}-ffeeddccbbaa`),
    }
    await writeFiles(join(stages.store, 'files'), {'sub/a.py': 'x'.repeat(1000)})
    await symlink(outside, join(stages.store, 'files', 'link-out'))
    await chmod(join(stages.store, 'files', 'sub', 'a.py'), 0o444)
    await chmod(join(stages.store, 'files', 'sub'), 0o555)
    await chmod(join(stages.store, 'files'), 0o555)
    await writeFiles(stages.build, {'aigogo.json': '{}'})
    await writeFiles(stages.buildTrash, {'old.py': 'y'})
    await writeFiles(stages.plugin, {'package.json': '{}'})
    await writeFiles(join(home, 'state'), {[`.plugins.json.tmp-${pid}-0a1b2c3d`]: '{"half": '})
    // Not stages of ours, or not stale: left alone.
    const kept = [join(tmp, 'notes.txt'), join(tmp, `store-${process.pid}-aaaaaaaaaaaa`), join(home, 'state', 'plugins.json')]
    await writeFiles(home, {'notes.txt': 'x', 'state/plugins.json': '{"plugins": []}'})
    await writeFiles(tmp, {'notes.txt': 'mine'})
    await mkdir(kept[1]!)
    for (const path of [...Object.values(stages), ...kept]) await age(path)

    const shown = JSON.parse((await aigogo(['clean', '--json'], {home})).stdout) as {usage: {area: string; items: number; bytes: number}[]}
    const leftovers = shown.usage.find((u) => u.area === 'leftovers')!
    expect(leftovers.items).toBe(5)
    expect(leftovers.bytes).toBeGreaterThanOrEqual(1000)
    const text = await aigogo(['clean'], {home})
    expect(text.stdout).toMatch(/Leftover stages:\s+[\d.]+ KB\s+\(5 items\)\s+aigogo clean --leftovers/)

    const removed = await aigogo(['clean', '--leftovers', '--json'], {home})
    expect(removed.exitCode, removed.stderr).toBe(0)
    const result = JSON.parse(removed.stdout) as {removed: {area: string; items: number; stages: {path: string}[]}[]}
    expect(result.removed).toEqual([expect.objectContaining({area: 'leftovers', items: 5})])
    expect(result.removed[0]!.stages.map((s) => s.path).sort()).toEqual(Object.values(stages).sort())
    for (const path of Object.values(stages)) await expect(lstat(path)).rejects.toThrow()
    for (const path of kept) expect((await lstat(path)).isFile() || (await lstat(path)).isDirectory()).toBe(true)
    expect(await readFile(join(outside, 'keep.txt'), 'utf8')).toBe('precious')
    expect(JSON.parse((await aigogo(['clean', '--json'], {home})).stdout).usage.find((u: {area: string}) => u.area === 'leftovers').items).toBe(0)
  })
})
