/**
 * Issue 11, item 1 (plugin host): plugin names from the state file and asset names from the
 * ownership record become paths only through the SDK validator and joinInside.
 */
import {mkdir, readdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {syncOwner} from '../src/host/asset-sync.js'
import {validatePluginName} from '../src/host/plugin-names.js'
import {readPluginState} from '../src/host/plugin-state.js'
import {TargetTransaction} from '../src/host/target-transaction.js'
import {tempDir} from './helpers/cli.js'

let dir: {path: string; cleanup: () => Promise<void>}
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(async () => dir.cleanup())

describe('plugin and asset names', () => {
  it('refuses a state record whose name is a path (STATE_CORRUPT) so nothing is loaded from outside plugins/', async () => {
    const state = join(dir.path, 'state')
    await mkdir(state)
    for (const name of ['../../evil', 'a/b', '..', '.hidden']) {
      await writeFile(join(state, 'plugins.json'), JSON.stringify({plugins: [{kind: 'installed', name, package: 'aigogo-plugin-x', version: '1.0.0'}]}))
      await expect(readPluginState(state), name).rejects.toMatchObject({code: 'STATE_CORRUPT', exit: 3})
    }
  })

  it('validates plugin names with the SDK rule first (controls and non-ASCII never pass) and prints them quoted', () => {
    for (const name of ['../x', 'x\ny', 'é', 'a'.repeat(65)]) expect(() => validatePluginName(name), name).toThrow(expect.objectContaining({code: 'PLUGIN_NAME_INVALID'}))
    expect(() => validatePluginName('x\ny')).toThrow(expect.objectContaining({message: expect.stringContaining('"x\\ny"')}))
    expect(() => validatePluginName('my-tool')).not.toThrow()
  })

  it('an ownership record naming "../../<victim>" removes nothing outside the target (NAME_INVALID)', async () => {
    const skills = join(dir.path, 'target', 'skills')
    await mkdir(skills, {recursive: true})
    const victim = join(dir.path, 'victim')
    await mkdir(victim)
    await writeFile(join(victim, 'keep.txt'), 'mine\n')
    const tx = new TargetTransaction()
    const error = await syncOwner(tx, {assetsDir: undefined, name: 'evil'}, [{dirs: {skills}, name: 't', root: dir.path}], {evil: {agents: [], skills: ['../../victim']}}).catch((e: unknown) => e)
    await tx.rollback()
    expect(error).toMatchObject({code: 'NAME_INVALID', exit: 3})
    expect(await readdir(victim)).toEqual(['keep.txt'])
    expect(await readdir(dir.path)).toEqual(expect.arrayContaining(['target', 'victim']))
  })
})
