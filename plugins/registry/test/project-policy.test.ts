/**
 * Which trust policy applies to a registry command, and that a policy nobody can enforce stops it
 * (plugins/registry/src/project-policy.ts, through the built module as the CLI loads it).
 */
import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {tempDir} from '../../../test/helpers/cli.js'

const {projectDirFor, trustFor} = await import('../dist/project-policy.js')

let root: {path: string; cleanup: () => Promise<void>}
beforeEach(async () => {
  root = await tempDir()
})
afterEach(() => root.cleanup())

describe('the project a registry command runs in', () => {
  it('is the nearest directory upwards with aigogo.lock or aigogo.trust.json, else none', async () => {
    const deep = join(root.path, 'app', 'src', 'deep')
    await mkdir(deep, {recursive: true})
    // A temporary directory may sit under a project of its own only if the machine has one above /tmp.
    const above = projectDirFor(root.path)
    expect(projectDirFor(deep)).toBe(above)
    await writeFile(join(root.path, 'app', 'aigogo.lock'), '{"version": 1, "packages": {}}\n')
    expect(projectDirFor(deep)).toBe(join(root.path, 'app'))
    await writeFile(join(root.path, 'app', 'src', 'aigogo.trust.json'), '{}\n')
    expect(projectDirFor(deep)).toBe(join(root.path, 'app', 'src'))
  })
})

describe('the trust provider a command must use', () => {
  it('is none without a policy file, and CAPABILITY_MISSING when a policy exists but no plugin enforces it', async () => {
    const home = join(root.path, 'home')
    const project = join(root.path, 'project')
    await mkdir(home)
    await mkdir(project)
    // No plugins loaded at all: without a policy nothing is asked for.
    expect(await trustFor([], {home}, project)).toBeUndefined()
    await writeFile(join(project, 'aigogo.trust.json'), '{}\n')
    await expect(trustFor([], {home}, project)).rejects.toMatchObject({code: 'CAPABILITY_MISSING', details: {capability: 'package-trust'}})
    // The user's policy counts the same, with or without a project.
    await writeFile(join(home, 'trust-policy.json'), '{}\n')
    await expect(trustFor([], {home}, undefined)).rejects.toMatchObject({code: 'CAPABILITY_MISSING'})
  })
})
