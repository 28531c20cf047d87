import {execa} from 'execa'
import {createHash} from 'node:crypto'
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {aigogo} from '../../../test/helpers/cli.js'
import {useRegistryWorkspace} from '../../../test/helpers/registry-per-file.js'
import {parseReference} from '../src/reference.js'
import {json} from './fixtures.js'

const sha = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

const setup = useRegistryWorkspace()

/** Uploads a blob exactly as the Go client does: POST, then PUT <Location>&digest=. */
async function goStyleUpload(repo: string, bytes: Buffer): Promise<void> {
  const start = await fetch(`${setup.registry.url}/v2/${repo}/blobs/uploads/`, {method: 'POST'})
  expect(start.status).toBe(202)
  const location = new URL(start.headers.get('location')!, setup.registry.url)
  const put = await fetch(`${location.href}&digest=${sha(bytes)}`, {body: bytes, headers: {'content-type': 'application/octet-stream'}, method: 'PUT'})
  expect(put.status).toBe(201)
}

describe('the upstream Go client format', () => {
  it('pulls a Docker-v2 image built byte for byte as the Go client pushes it', async () => {
    const src = join(setup.root, 'src')
    await mkdir(join(src, 'sub'), {recursive: true})
    const manifestJson = '{\n  "name": "my-pkg",\n  "version": "0.1.1",\n  "language": {\n    "name": "python",\n    "version": ">=3.8"\n  },\n  "files": {\n    "include": "auto"\n  },\n  "metadata": {}\n}'
    await writeFile(join(src, 'aigogo.json'), manifestJson)
    await writeFile(join(src, 'sub', 'mod.py'), 'Y = 2\n')
    await writeFile(join(src, 'utils.py'), 'def hi():\n    return "hi"\n')
    const layerFile = join(setup.root, 'layer.tar')
    await execa('python3', [join(import.meta.dirname, 'make-tar.py'), layerFile, 'upstream', src, 'aigogo.json', 'sub/mod.py', 'utils.py'])
    const layer = await readFile(layerFile)
    expect(layer.length % 512).toBe(0)
    const config = Buffer.from('{}')
    expect(sha(config)).toBe('sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a')
    await goStyleUpload('org/my-pkg', config)
    await goStyleUpload('org/my-pkg', layer)
    const manifest = `{"config":{"digest":"${sha(config)}","mediaType":"application/vnd.docker.container.image.v1+json","size":2},"layers":[{"digest":"${sha(layer)}","mediaType":"application/vnd.docker.image.rootfs.diff.tar","size":${layer.length}}],"mediaType":"application/vnd.docker.distribution.manifest.v2+json","schemaVersion":2}`
    const put = await fetch(`${setup.registry.url}/v2/org/my-pkg/manifests/1.0.0`, {body: manifest, headers: {'content-type': 'application/vnd.docker.distribution.manifest.v2+json'}, method: 'PUT'})
    expect(put.status).toBe(201)

    const home = join(setup.root, 'home')
    const pulled = json<{format: string; name: string; version: string; path: string; digest: string}>(await aigogo(['pull', `${setup.registry.host}/org/my-pkg:1.0.0`, '--json'], {home}))
    expect(pulled).toMatchObject({digest: sha(Buffer.from(manifest)), format: 'upstream', name: 'my-pkg', version: '0.1.1'})
    expect(await readFile(join(pulled.path, 'files', 'sub', 'mod.py'), 'utf8')).toBe('Y = 2\n')
    const info = json<{format: string; package?: unknown}>(await aigogo(['info', `${setup.registry.host}/org/my-pkg:1.0.0`, '--json'], {home}))
    expect(info.format).toBe('upstream')
    expect(info.package).toBeUndefined()
  })
})

describe('references', () => {
  it.each([
    ['localhost:5000/team/pkg:1.0.0', {apiHost: 'localhost:5000', registry: 'localhost:5000', repository: 'team/pkg', tag: '1.0.0'}],
    ['[::1]:5000/pkg:2', {apiHost: '[::1]:5000', registry: '[::1]:5000', repository: 'pkg', tag: '2'}],
    ['docker.io/pkg:1', {apiHost: 'registry-1.docker.io', registry: 'docker.io', repository: 'library/pkg', tag: '1'}],
    ['org/pkg', {apiHost: 'registry-1.docker.io', registry: 'docker.io', repository: 'org/pkg', tag: undefined}],
    ['ghcr.io/a/b/c@sha256:' + 'a'.repeat(64), {digest: 'sha256:' + 'a'.repeat(64), registry: 'ghcr.io', repository: 'a/b/c'}],
  ])('parses %s', (text, expected) => {
    expect(parseReference(text)).toMatchObject(expected)
  })

  it.each(['', 'host:5000/', 'localhost:5000/UPPER:1', 'x/y:bad tag', 'x/y@sha256:short', 'bad host:1/x'])('refuses "%s" with REFERENCE_INVALID', (text) => {
    expect(() => parseReference(text)).toThrow(expect.objectContaining({code: 'REFERENCE_INVALID'}))
  })
})
