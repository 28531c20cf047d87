import {readdir, readFile} from 'node:fs/promises'
import {join, relative} from 'node:path'
import {describe, expect, it} from 'vitest'

import {REPO_ROOT} from './helpers/cli.js'

const packages = ['.', 'plugins/store', 'plugins/registry', 'plugins/imports', 'plugins/depgen', 'plugins/mcp']

async function commandIds(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => relative(dir, join(e.parentPath, e.name)).replace(/\.js$/, '').replace(/(^|\/)index$/, '').replaceAll('/', ':'))
    .sort()
}

describe('oclif manifests', () => {
  it.each(packages)('%s ships a manifest that matches its version and its commands', async (pkg) => {
    const root = join(REPO_ROOT, pkg)
    const pjson = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {version: string; files: string[]}
    const manifest = JSON.parse(await readFile(join(root, 'oclif.manifest.json'), 'utf8')) as {
      version: string
      commands: Record<string, {isESM?: boolean; relativePath?: string[]}>
    }
    // A version mismatch makes oclif ignore the manifest and import every command at startup.
    expect(manifest.version).toBe(pjson.version)
    expect(pjson.files).toContain('oclif.manifest.json')
    expect(Object.keys(manifest.commands).sort()).toEqual(await commandIds(join(root, 'dist', 'commands')))
    // isESM + relativePath let oclif import only the command being run.
    for (const command of Object.values(manifest.commands)) {
      expect(command.isESM).toBe(true)
      expect(command.relativePath?.length).toBeGreaterThan(0)
    }
  })
})
