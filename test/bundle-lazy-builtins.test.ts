/**
 * The start-up bundles' built-ins loaded on first call (scripts/lazy-builtins.mjs): a module that
 * imports node:crypto statically must not load it until it hashes, and every function must behave
 * as the module's own, util.promisify's custom forms included (execFile gives stdout and stderr).
 */
import {build} from 'esbuild'
import {execa} from 'execa'
import {createHash} from 'node:crypto'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

// @ts-expect-error: a build script in plain JavaScript, without types
import {lazyBuiltins} from '../scripts/lazy-builtins.mjs'
import {useTempWorkDir} from './helpers/temp-work-dir.js'

const work = useTempWorkDir('aigogo-lazy-builtins-')

const ENTRY = `import {createHash} from 'node:crypto'
import {execFile} from 'node:child_process'
import {readFile} from 'node:fs/promises'
import {setTimeout as sleep} from 'node:timers/promises'
import {promisify} from 'node:util'

const loaded = (id) => process.moduleLoadList.includes('NativeModule ' + id)
async function main() {
  const before = {crypto: loaded('crypto'), childProcess: loaded('child_process'), fsPromises: loaded('fs/promises')}
  const hash = createHash('sha256').update('aigogo').digest('hex')
  const run = await promisify(execFile)(process.execPath, ['-e', 'process.stdout.write("out"); process.stderr.write("err")'])
  await sleep(1)
  const text = await readFile(process.argv[2], 'utf8')
  const after = {crypto: loaded('crypto'), childProcess: loaded('child_process'), fsPromises: loaded('fs/promises')}
  console.log(JSON.stringify({after, before, hash, stderr: run.stderr, stdout: run.stdout, text}))
}
main()
`

describe('built-ins loaded on first call in the bundles', () => {
  it('loads node:crypto, node:child_process and node:fs/promises only when called, with the same behaviour', async () => {
    await writeFile(join(work.path, 'entry.mjs'), ENTRY)
    await writeFile(join(work.path, 'data.txt'), 'read through the wrapper')
    const outfile = join(work.path, 'entry.bundle.cjs')
    await build({bundle: true, entryPoints: [join(work.path, 'entry.mjs')], format: 'cjs', logLevel: 'silent', outfile, platform: 'node', plugins: [lazyBuiltins()], target: 'node20'})

    const result = JSON.parse((await execa(process.execPath, [outfile, join(work.path, 'data.txt')])).stdout) as Record<string, unknown>
    expect(result.before).toEqual({childProcess: false, crypto: false, fsPromises: false})
    expect(result.after).toEqual({childProcess: true, crypto: true, fsPromises: true})
    expect(result.hash).toBe(createHash('sha256').update('aigogo').digest('hex'))
    expect({stderr: result.stderr, stdout: result.stdout}).toEqual({stderr: 'err', stdout: 'out'})
    expect(result.text).toBe('read through the wrapper')
  })
})
