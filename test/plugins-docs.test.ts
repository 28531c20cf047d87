/**
 * docs/PLUGINS.md stays true: its example plugin, packed exactly as the page says, installs and
 * runs; every coded error the plugin host raises is in its error table; the sections its error
 * hints point at exist.
 */
import {execa} from 'execa'
import {cp, readdir, readFile, rename, rm} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {jsonError, REPO_ROOT} from './helpers/cli.js'
import {buildRelease, FIXTURE} from './helpers/github-standin.js'
import {pluginHostFixture} from './helpers/plugin-host-fixture.js'

const DOC = join(REPO_ROOT, 'docs', 'PLUGINS.md')

const host = pluginHostFixture({prefix: 'aigogo-plugins-docs-'})
const {run} = host

describe('docs/PLUGINS.md', () => {
  it('its example plugin, packed as "Release and publish" says (npm pack, rename, sha256sum), installs and runs', async () => {
    const dir = join(host.work, 'example-plugin')
    await cp(FIXTURE, dir, {recursive: true})
    const npm = {cwd: dir, env: {npm_config_cache: join(host.work, 'npm-cache'), npm_config_update_notifier: 'false'}}
    await execa('npm', ['pack'], npm)
    const [packed] = (await readdir(dir)).filter((f) => f.endsWith('.tgz'))
    await rename(join(dir, packed!), join(dir, 'aigogo-plugin-example-1.0.0.tgz'))
    await execa('sh', ['-c', 'sha256sum aigogo-plugin-example-1.0.0.tgz > checksums.txt'], {cwd: dir})
    const assets = {
      'aigogo-plugin-example-1.0.0.tgz': await readFile(join(dir, 'aigogo-plugin-example-1.0.0.tgz')),
      'checksums.txt': await readFile(join(dir, 'checksums.txt'), 'utf8'),
    }
    host.standin.addRelease('acme/aigogo-plugin-example', {assets, tag: 'v1.0.0'})
    const installed = await run(['plugins', 'install', 'example', '--source', 'github.com/acme/aigogo-plugin-example', '--yes'])
    expect(installed.exitCode, installed.stderr).toBe(0)
    expect((await run(['example', 'hello', 'docs'])).stdout.trim()).toBe('hello docs from aigogo-plugin-example 1.0.0')
    await rm(dir, {force: true, recursive: true})
  })

  it('lists every coded error of the plugin host in its error table', async () => {
    const table = (await readFile(DOC, 'utf8')).split('### Error codes')[1]!.split('\n## ')[0]!
    const sources: string[] = []
    for (const dir of ['src/host', 'src/commands/plugins']) {
      for (const file of await readdir(join(REPO_ROOT, dir))) sources.push(await readFile(join(REPO_ROOT, dir, file), 'utf8'))
    }
    const codes = new Set(sources.join('\n').match(/'(PLUGIN_[A-Z_]+|STATE_CORRUPT|CONFIG_INVALID)'/g)!.map((c) => c.slice(1, -1)))
    expect(codes.size).toBeGreaterThan(15)
    expect([...codes].filter((code) => !table.includes(`\`${code}\``)).sort()).toEqual([])
  })

  it('has the section the PLUGIN_ASSET_NAMING hint points at', async () => {
    host.standin.addRelease('acme/aigogo-plugin-example', (await buildRelease('v1.0.0', {extraFiles: {'assets/skills/stray/SKILL.md': 'x'}})).release)
    const result = await run(['plugins', 'install', 'example', '--source', 'github.com/acme/aigogo-plugin-example', '--yes', '--json'])
    const hint = jsonError(result).hints.join('\n')
    const section = /docs\/PLUGINS\.md, "([^"]+)"/.exec(hint)?.[1]
    expect(section).toBeDefined()
    expect(await readFile(DOC, 'utf8')).toMatch(new RegExp(`^#+ ${section}$`, 'm'))
  })
})
