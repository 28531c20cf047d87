/**
 * File names USTAR cannot hold (a name over 100 bytes with no "/" to split on): push writes a PAX
 * path header without times (the digest stays reproducible), both formats pull back, an
 * independent reader (Python's tarfile) sees the full paths, and the unpacker's limits still hold.
 */
import {execa} from 'execa'
import {readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {aigogo, jsonError} from '../../../test/helpers/cli.js'
import {AIGOGO_JSON, pushRawPackage, tarEntry} from '../../../test/helpers/raw-push.js'
import {json, ok, useBuiltPackage} from './fixtures.js'

const LONG_NAME = `${'n'.repeat(150)}.py`
const LONG_NESTED = `pkg/${'é'.repeat(60)}.py`

const setup = useBuiltPackage('long-names', {[LONG_NAME]: 'A = 1\n', [LONG_NESTED]: 'B = 2\n', 'short.py': 'C = 3\n'})

interface Pushed {digest: string}
interface Pulled {path: string; format: string; integrity: string}

/** Names and PAX records of a layer, as Python's tarfile reads them. */
async function readWithPython(layer: Buffer): Promise<{name: string; pax: Record<string, string>; mtime: number}[]> {
  const file = join(setup.root, 'layer.tar')
  await writeFile(file, layer)
  const script = 'import json, sys, tarfile\nt = tarfile.open(sys.argv[1])\nprint(json.dumps([{"name": m.name, "pax": m.pax_headers, "mtime": m.mtime} for m in t.getmembers()]))'
  return JSON.parse((await execa('python3', ['-c', script, file])).stdout) as {name: string; pax: Record<string, string>; mtime: number}[]
}

async function layerOf(repository: string, tag: string): Promise<Buffer> {
  const accept = 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json'
  const manifest = (await (await fetch(`${setup.registry.url}/v2/${repository}/manifests/${tag}`, {headers: {accept}})).json()) as {layers: {digest: string}[]}
  return Buffer.from(await (await fetch(`${setup.registry.url}/v2/${repository}/blobs/${manifest.layers[0]!.digest}`)).arrayBuffer())
}

describe('long package paths', () => {
  it('pushes names USTAR cannot hold in PAX path headers, reproducibly, and pulls them back in both formats', async () => {
    const first = json<Pushed>(await aigogo(['push', `${setup.registry.host}/team/long:1.0.0`, '--from', setup.pkg.build, '--json'], {home: setup.pkg.home}))
    // Packed again from scratch (without the remembered layer digest): the same bytes.
    await rm(join(setup.pkg.home, 'cache', 'registry'), {force: true, recursive: true})
    const again = json<Pushed>(await aigogo(['push', `${setup.registry.host}/team/long-again:1.0.0`, '--from', setup.pkg.build, '--json'], {home: setup.pkg.home}))
    expect(again.digest).toBe(first.digest)
    ok(await aigogo(['push', `${setup.registry.host}/team/long-upstream:1.0.0`, '--from', setup.pkg.build, '--format', 'upstream'], {home: setup.pkg.home}))

    for (const [repository, format] of [['team/long', 'oci'], ['team/long-upstream', 'upstream']] as const) {
      const members = await readWithPython(await layerOf(repository, '1.0.0'))
      expect(members.map((m) => m.name)).toEqual(expect.arrayContaining([LONG_NAME, LONG_NESTED, 'short.py']))
      const long = members.find((m) => m.name === LONG_NAME)!
      expect(long.pax).toEqual({path: LONG_NAME})
      expect(members.every((m) => m.mtime === 0)).toBe(true)

      const home = join(setup.root, `pull-${format}`)
      const pulled = json<Pulled>(await aigogo(['pull', `${setup.registry.host}/${repository}:1.0.0`, '--json'], {home}))
      expect(pulled.format).toBe(format)
      expect(await readFile(join(pulled.path, 'files', LONG_NAME), 'utf8')).toBe('A = 1\n')
      expect(await readFile(join(pulled.path, 'files', LONG_NESTED), 'utf8')).toBe('B = 2\n')
      expect(pulled.integrity).toBe(setup.pkg.integrity)
    }
  })

  it('keeps the path limits for PAX paths and refuses an oversized PAX header', async () => {
    const tooLong = `${Array.from({length: 30}, () => 'd'.repeat(200)).join('/')}/x.py`
    await pushRawPackage(setup.registry.host, 'team/pax-too-long:1', Buffer.concat([tarEntry('aigogo.json', AIGOGO_JSON), tarEntry(tooLong, 'X = 1\n'), Buffer.alloc(1024)]))
    const refused = await aigogo(['pull', `${setup.registry.host}/team/pax-too-long:1`, '--json'], {home: join(setup.root, 'h1')})
    expect(refused.exitCode).toBe(3)
    expect(jsonError(refused).code).toBe('PACKAGE_PATH_TOO_LONG')

    const huge = paxEntry([['comment', 'c'.repeat(100_000)], ['path', 'evil.py']], 'X = 1\n')
    await pushRawPackage(setup.registry.host, 'team/pax-huge:1', Buffer.concat([tarEntry('aigogo.json', AIGOGO_JSON), huge, Buffer.alloc(1024)]))
    const invalid = await aigogo(['pull', `${setup.registry.host}/team/pax-huge:1`, '--json'], {home: join(setup.root, 'h2')})
    expect(invalid.exitCode).toBe(3)
    expect(jsonError(invalid).code).toBe('LAYER_INVALID')
  })
})

/** A PAX header with the given records, then a file under the short name "short.py". */
function paxEntry(records: [string, string][], data: string): Buffer {
  const text = records.map(([key, value]) => {
    const body = ` ${key}=${value}\n`
    let length = Buffer.byteLength(body) + 1
    while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body)
    return `${length}${body}`
  }).join('')
  const raw = tarEntry('PaxHeader', text)
  raw.write('x', 156) // the typeflag: an extended header
  let sum = 0
  raw.write('        ', 148)
  for (const byte of raw.subarray(0, 512)) sum += byte
  raw.write(sum.toString(8).padStart(6, '0') + '\0 ', 148)
  return Buffer.concat([raw, tarEntry('short.py', data)])
}
