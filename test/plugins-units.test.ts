/**
 * The pure rules of the plugin host, called directly: the prefix-aware latest pick, tags and
 * versions, source specs, checksums, names; and the unpacker against hostile archives.
 */
import {mkdir, mkdtemp, readdir, rm, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import * as tar from 'tar'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {parseChecksums} from '../src/host/checksums.js'
import {pickLatest} from '../src/host/github-releases.js'
import {RESERVED_NAMES, validatePluginName} from '../src/host/plugin-names.js'
import {parseSourceSpec} from '../src/host/plugin-source.js'
import {bareVersion, stableVersionOf, tagFor} from '../src/host/release-tags.js'
import {safeUnpack} from '../src/host/safe-unpack.js'

describe('prefix-aware latest release', () => {
  it('keeps the prefix, drops drafts, prereleases and malformed tags, and picks the highest version (TC-REL-002..005)', () => {
    const releases = [
      {tag_name: 'v0.6.1'},
      {tag_name: 'plugins/triage/v0.4.1'},
      {tag_name: 'plugins/triage/v0.5.0'},
      {prerelease: true, tag_name: 'plugins/triage/v0.6.0-rc.1'},
      {draft: true, tag_name: 'plugins/triage/v0.9.0'},
      {tag_name: 'plugins/triage/oops-not-a-version'},
      {tag_name: 'plugins/triage/v0.10.0+meta'},
    ]
    expect(pickLatest(releases, 'plugins/triage/')).toEqual({tag: 'plugins/triage/v0.5.0', version: '0.5.0'})
    expect(pickLatest(releases, '')).toEqual({tag: 'v0.6.1', version: '0.6.1'})
    expect(pickLatest([{prerelease: true, tag_name: 'v1.0.0-rc.1'}], '')).toBeUndefined()
  })

  it('parses strict vX.Y.Z only and records bare versions', () => {
    expect(stableVersionOf('v01.02.03', '')).toBe('1.2.3')
    for (const bad of ['0.5.0', '', 'v1.2', 'v1.2.3.4', 'v1', 'v1.2.3-rc.1', 'v1.2.3+meta', 'vabc.def.ghi']) expect(stableVersionOf(bad, '')).toBeUndefined()
    expect(bareVersion('plugins/store/v1.2.3', 'plugins/store/')).toBe('1.2.3')
    expect(tagFor('1.2.3', 'plugins/store/')).toBe('plugins/store/v1.2.3')
    expect(tagFor('v1.2.3', 'plugins/store/')).toBe('plugins/store/v1.2.3')
    expect(tagFor('plugins/store/v1.2.3', 'plugins/store/')).toBe('plugins/store/v1.2.3')
  })
})

describe('sources, checksums and names', () => {
  it('parses github.com/<org>/<repo>[@version] and refuses anything else', () => {
    expect(parseSourceSpec('github.com/acme/tool@v1.2.0')).toEqual({host: 'github.com', repo: 'acme/tool', version: 'v1.2.0'})
    expect(parseSourceSpec('https://github.com/acme/tool.git')).toEqual({host: 'github.com', repo: 'acme/tool'})
    for (const bad of ['gitlab.com/a/b', 'github.com/acme', 'github.com/../etc', 'github.com/a/b/c']) {
      expect(() => parseSourceSpec(bad)).toThrow(expect.objectContaining({code: 'PLUGIN_SOURCE_INVALID'}))
    }
  })

  it('reads sha256sum lines, binary-mode stars included', () => {
    const sums = parseChecksums(`${'a'.repeat(64)}  one.tgz\n${'B'.repeat(64)} *two.tgz\ngarbage\n`, 'v1.0.0')
    expect(sums.get('one.tgz')).toBe('a'.repeat(64))
    expect(sums.get('two.tgz')).toBe('b'.repeat(64))
  })

  it('accepts lower-case names and refuses path tricks', () => {
    expect(() => validatePluginName('acme-lint2')).not.toThrow()
    for (const bad of ['..', 'a/b', 'A', '1a', 'a--b', 'a-', 'a'.repeat(65), 'a b']) {
      expect(() => validatePluginName(bad)).toThrow(expect.objectContaining({code: 'PLUGIN_NAME_INVALID'}))
    }
    expect(RESERVED_NAMES).toEqual(expect.arrayContaining(['plugins', 'version', 'completion', 'add', 'build', 'install', 'push']))
  })
})

describe('safe unpack', () => {
  // Sources, archives and destinations all live in one scratch folder, removed after each test.
  let scratch: string
  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'aigogo-unpack-'))
  })
  afterEach(async () => {
    await rm(scratch, {force: true, recursive: true})
  })

  async function archiveOf(build: (dir: string) => Promise<string[]>, options: {preservePaths?: boolean} = {}): Promise<string> {
    const src = await mkdtemp(join(scratch, 'src-'))
    const entries = await build(src)
    const file = `${src}.tgz`
    await tar.c({cwd: src, file, gzip: true, preservePaths: options.preservePaths ?? false}, entries)
    return file
  }

  async function unpackInto(archive: string): Promise<{dest: string; result: Promise<string>}> {
    const dest = await mkdtemp(join(scratch, 'dest-'))
    return {dest, result: safeUnpack(archive, dest, 'test.tgz')}
  }

  it('unpacks an npm-pack layout and returns the package/ root', async () => {
    const archive = await archiveOf(async (dir) => {
      await mkdir(join(dir, 'package', 'assets'), {recursive: true})
      await writeFile(join(dir, 'package', 'package.json'), '{}')
      await symlink('package.json', join(dir, 'package', 'alias.json'))
      return ['package']
    })
    const {dest, result} = await unpackInto(archive)
    expect(await result).toBe(join(dest, 'package'))
    expect((await readdir(join(dest, 'package'))).sort()).toEqual(['alias.json', 'assets', 'package.json'])
  })

  it('refuses a link that points outside the bundle and writes nothing', async () => {
    const archive = await archiveOf(async (dir) => {
      await writeFile(join(dir, 'a.txt'), 'x')
      await symlink('../../../etc/passwd', join(dir, 'escape'))
      return ['a.txt', 'escape']
    })
    const {dest, result} = await unpackInto(archive)
    await expect(result).rejects.toMatchObject({code: 'PLUGIN_BUNDLE_UNSAFE'})
    expect(await readdir(dest)).toEqual([])
  })

  it('refuses absolute and parent-relative entry paths', async () => {
    const archive = await archiveOf(async (dir) => {
      await mkdir(join(dir, 'sub'), {recursive: true})
      await writeFile(join(dir, 'evil.txt'), 'x')
      return ['sub/../evil.txt']
    }, {preservePaths: true})
    const {dest, result} = await unpackInto(archive)
    await expect(result).rejects.toMatchObject({code: 'PLUGIN_BUNDLE_UNSAFE'})
    expect(await readdir(dest)).toEqual([])
  })

  it('refuses something that is not a gzip tarball', async () => {
    const dir = await mkdtemp(join(scratch, 'src-'))
    await writeFile(join(dir, 'x.tgz'), 'not a tarball at all')
    const {result} = await unpackInto(join(dir, 'x.tgz'))
    await expect(result).rejects.toMatchObject({code: 'PLUGIN_BUNDLE_UNSAFE'})
  })
})
