import {execa} from 'execa'
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {aigogo, jsonError} from '../../../test/helpers/cli.js'
import {json, ok, useBuiltPackage} from './fixtures.js'

const setup = useBuiltPackage()

async function skopeoRaw(ref: string): Promise<Record<string, unknown>> {
  const {stdout} = await execa('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${ref}`])
  return JSON.parse(stdout) as Record<string, unknown>
}

interface Pushed {digest: string; blobs: {action: string}[]}

describe('push and pull against a real Distribution registry', () => {
  it('pushes an OCI 1.1 artifact that skopeo reads, with aigogo.json as the config blob', async () => {
    const ref = `${setup.registry.host}/team/my-utils:1.0.0`
    const pushed = json<Pushed>(await aigogo(['push', ref, '--from', setup.pkg.build, '--json'], {home: setup.pkg.home}))
    const manifest = await skopeoRaw(ref)
    expect(manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json')
    expect(manifest.artifactType).toBe('application/vnd.aigogo.package.v1')
    const config = manifest.config as {mediaType: string; digest: string}
    expect(config.mediaType).toBe('application/vnd.aigogo.package.config.v1+json')
    const layers = manifest.layers as {mediaType: string}[]
    expect(layers).toHaveLength(1)
    expect(layers[0]!.mediaType).toBe('application/vnd.oci.image.layer.v1.tar')
    expect((manifest.annotations as Record<string, string>)['org.opencontainers.image.title']).toBe('my-utils')
    expect(pushed.digest).toMatch(/^sha256:[a-f0-9]{64}$/)
    const configBytes = await execa('skopeo', ['inspect', '--config', '--raw', '--tls-verify=false', `docker://${ref}`])
    expect(JSON.parse(configBytes.stdout).name).toBe('my-utils')
  })

  it('gives the same manifest digest when the same build is pushed twice, uploading nothing the second time', async () => {
    const first = json<Pushed>(await aigogo(['push', `${setup.registry.host}/team/again:1`, '--from', setup.pkg.build, '--json'], {home: setup.pkg.home}))
    // A fresh home has no layer cache: the layer is rebuilt from the files and must hash the same.
    const otherHome = join(setup.root, 'home-again')
    const {cpSync} = await import('node:fs')
    cpSync(setup.pkg.home, otherHome, {recursive: true})
    const {rmSync} = await import('node:fs')
    rmSync(join(otherHome, 'cache', 'registry'), {force: true, recursive: true})
    rmSync(join(otherHome, 'cache', 'blobs'), {force: true, recursive: true})
    const second = json<Pushed>(await aigogo(['push', `${setup.registry.host}/team/again:1`, '--from', setup.pkg.build, '--json'], {home: otherHome}))
    expect(second.digest).toBe(first.digest)
    expect(second.blobs.map((b) => b.action)).toEqual(['exists', 'exists'])
  })

  it('mounts blobs from another repository of the same registry instead of uploading them', async () => {
    ok(await aigogo(['push', `${setup.registry.host}/team/source:1`, '--from', setup.pkg.build], {home: setup.pkg.home}))
    const pushed = json<Pushed>(await aigogo(['push', `${setup.registry.host}/other/copy:1`, '--from', setup.pkg.build, '--json'], {home: setup.pkg.home}))
    expect(pushed.blobs.map((b) => b.action)).toEqual(['mounted', 'mounted'])
  })

  it('pulls into a fresh store with the integrity of the local build, and pulls it again without downloading', async () => {
    const ref = `${setup.registry.host}/team/cached:1.0.0`
    ok(await aigogo(['push', ref, '--from', setup.pkg.build], {home: setup.pkg.home}))
    const home = join(setup.root, 'home-pull')
    const pulled = json<{integrity: string; digest: string; format: string; path: string}>(await aigogo(['pull', ref, '--json'], {home}))
    expect(pulled.integrity).toBe(setup.pkg.integrity)
    expect(pulled.format).toBe('oci')
    expect(await readFile(join(pulled.path, 'files', 'utils.py'), 'utf8')).toContain('def hi')
    // Take the layer out of the registry: a second pull must not need it.
    const layerDigest = ((await skopeoRaw(ref)).layers as {digest: string}[])[0]!.digest
    const deleted = await fetch(`http://${setup.registry.host}/v2/team/cached/blobs/${layerDigest}`, {method: 'DELETE'})
    expect(deleted.status).toBe(202)
    const text = ok(await aigogo(['pull', ref], {home}))
    expect(text.stdout).toContain(`Integrity: ${setup.pkg.integrity}`)
    const fresh = await aigogo(['pull', ref, '--json'], {home: join(setup.root, 'home-pull-fresh')})
    expect(jsonError(fresh).code).toBe('REGISTRY_NOT_FOUND')
  })

  it('pulls by digest and refuses a digest the registry does not have', async () => {
    const {digest} = json<Pushed>(await aigogo(['push', `${setup.registry.host}/team/by-digest:1`, '--from', setup.pkg.build, '--json'], {home: setup.pkg.home}))
    const pulled = json<{integrity: string}>(await aigogo(['pull', `${setup.registry.host}/team/by-digest@${digest}`, '--json'], {home: join(setup.root, 'home-digest')}))
    expect(pulled.integrity).toBe(setup.pkg.integrity)
    const missing = await aigogo(['pull', `${setup.registry.host}/team/by-digest@sha256:${'0'.repeat(64)}`, '--json'], {home: join(setup.root, 'home-digest')})
    expect(missing.exitCode).toBe(2)
    expect(jsonError(missing).code).toBe('REGISTRY_NOT_FOUND')
  })

  it('shows info, tags and search results from manifests and config blobs', async () => {
    ok(await aigogo(['push', `${setup.registry.host}/team/searchable:0.9.0`, '--from', setup.pkg.build], {home: setup.pkg.home}))
    ok(await aigogo(['push', `${setup.registry.host}/team/searchable:0.10.0`, '--from', setup.pkg.build], {home: setup.pkg.home}))
    const info = json<{format: string; digest: string; package: {name: string; description: string}}>(await aigogo(['info', `${setup.registry.host}/team/searchable:0.10.0`, '--json'], {home: setup.pkg.home}))
    expect(info.format).toBe('oci')
    expect(info.package.name).toBe('my-utils')
    const tags = json<{tags: string[]}>(await aigogo(['tags', `${setup.registry.host}/team/searchable`, '--json'], {home: setup.pkg.home}))
    expect(tags.tags.sort()).toEqual(['0.10.0', '0.9.0'])
    const found = json<{results: {repository: string; latest: string; summary: string}[]}>(await aigogo(['search', 'searchable', '--registry', setup.registry.host, '--json'], {home: setup.pkg.home}))
    expect(found.results).toEqual([expect.objectContaining({latest: '0.10.0', repository: 'team/searchable', summary: 'helpers called my-utils'})])
    const none = json<{results: unknown[]}>(await aigogo(['search', 'no-such-thing', '--registry', setup.registry.host, '--json'], {home: setup.pkg.home}))
    expect(none.results).toEqual([])
  })

  it('deletes a tag by digest, and every tag with --all', async () => {
    const repo = `${setup.registry.host}/team/doomed`
    ok(await aigogo(['push', `${repo}:1`, '--from', setup.pkg.build], {home: setup.pkg.home}))
    ok(await aigogo(['push', `${repo}:2`, '--from', setup.pkg.build, '--format', 'upstream'], {home: setup.pkg.home}))
    ok(await aigogo(['delete', `${repo}:1`, '--yes'], {home: setup.pkg.home}))
    expect(json<{tags: string[]}>(await aigogo(['tags', repo, '--json'], {home: setup.pkg.home})).tags).toEqual(['2'])
    const all = json<{deleted: {tags: string[]}[]}>(await aigogo(['delete', repo, '--all', '--yes', '--json'], {home: setup.pkg.home}))
    expect(all.deleted.flatMap((d) => d.tags)).toEqual(['2'])
    expect(json<{tags: string[]}>(await aigogo(['tags', repo, '--json'], {home: setup.pkg.home})).tags).toEqual([])
  })

  it('pushes the upstream Docker-v2 format with --format upstream and pulls it back', async () => {
    const ref = `${setup.registry.host}/team/legacy:1.0.0`
    ok(await aigogo(['push', ref, '--from', setup.pkg.build, '--format', 'upstream'], {home: setup.pkg.home}))
    const manifest = await skopeoRaw(ref)
    expect(manifest.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json')
    expect(manifest.config).toEqual({digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', mediaType: 'application/vnd.docker.container.image.v1+json', size: 2})
    expect((manifest.layers as {mediaType: string}[])[0]!.mediaType).toBe('application/vnd.docker.image.rootfs.diff.tar')
    const pulled = json<{integrity: string; format: string}>(await aigogo(['pull', ref, '--json'], {home: join(setup.root, 'home-legacy')}))
    expect(pulled).toMatchObject({format: 'upstream', integrity: setup.pkg.integrity})
  })

  it('publishes only the description and licence the author gave to init: none by default', async () => {
    const bare = join(setup.root, 'bare')
    const {mkdir, writeFile} = await import('node:fs/promises')
    await mkdir(bare)
    ok(await aigogo(['init', '--name', 'bare-pkg'], {cwd: bare, home: setup.pkg.home}))
    const written = JSON.parse(await readFile(join(bare, 'aigogo.json'), 'utf8')) as Record<string, unknown>
    expect(written).not.toHaveProperty('description')
    expect(written).not.toHaveProperty('metadata')
    await writeFile(join(bare, 'a.py'), 'A = 1\n')
    ok(await aigogo(['add', 'file', 'a.py'], {cwd: bare, home: setup.pkg.home}))
    const first = json<{ref: string}>(await aigogo(['build', '--json'], {cwd: bare, home: setup.pkg.home}))
    ok(await aigogo(['push', `${setup.registry.host}/team/bare:0.1.0`, '--from', first.ref], {home: setup.pkg.home}))
    const annotations = (await skopeoRaw(`${setup.registry.host}/team/bare:0.1.0`)).annotations as Record<string, string>
    expect(annotations).not.toHaveProperty('org.opencontainers.image.licenses')
    expect(annotations).not.toHaveProperty('org.opencontainers.image.description')
    // Given, they are published.
    ok(await aigogo(['init', '--force', '--name', 'bare-pkg', '--description', 'tiny', '--license', 'MIT'], {cwd: bare, home: setup.pkg.home}))
    ok(await aigogo(['add', 'file', 'a.py'], {cwd: bare, home: setup.pkg.home}))
    const second = json<{ref: string}>(await aigogo(['build', 'bare-pkg:0.2.0', '--json'], {cwd: bare, home: setup.pkg.home}))
    ok(await aigogo(['push', `${setup.registry.host}/team/bare:0.1.1`, '--from', second.ref], {home: setup.pkg.home}))
    const given = (await skopeoRaw(`${setup.registry.host}/team/bare:0.1.1`)).annotations as Record<string, string>
    expect(given['org.opencontainers.image.licenses']).toBe('MIT')
    expect(given['org.opencontainers.image.description']).toBe('tiny')
  })

  it('refuses a malformed reference with the expected form', async () => {
    const result = await aigogo(['pull', 'localhost:5000/Bad_Name:1', '--json'], {home: setup.pkg.home})
    expect(result.exitCode).toBe(1)
    expect(jsonError(result).code).toBe('REFERENCE_INVALID')
    expect(jsonError(result).hints.join(' ')).toContain('registry/name:tag')
  })
})
