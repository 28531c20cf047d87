/**
 * Puts hand-made packages into a real registry, bypassing aigogo push: layers aigogo would never
 * write (gzip bombs, 100,000 entries, paths the filesystem cannot hold), for pull to face.
 * Plain distribution-spec calls: monolithic blob uploads, then the OCI manifest.
 */
import {createHash} from 'node:crypto'

export const AIGOGO_JSON = '{"name":"raw","version":"1.0.0","language":{"name":"python","version":">=3.8"},"files":{"include":"auto"}}\n'

const sha = (bytes: Buffer | string): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

async function putBlob(host: string, repository: string, bytes: Buffer): Promise<string> {
  const digest = sha(bytes)
  const start = await fetch(`http://${host}/v2/${repository}/blobs/uploads/`, {method: 'POST'})
  if (start.status !== 202) throw new Error(`upload start: ${start.status} ${await start.text()}`)
  const location = new URL(start.headers.get('location')!, `http://${host}`)
  location.searchParams.set('digest', digest)
  const put = await fetch(location, {body: new Blob([new Uint8Array(bytes)]), headers: {'content-type': 'application/octet-stream'}, method: 'PUT'})
  if (put.status !== 201) throw new Error(`upload ${digest}: ${put.status} ${await put.text()}`)
  return digest
}

export interface RawPackage {
  ref: string
  /** The manifest's digest. */
  digest: string
  layerDigest: string
}

/** Pushes `layer` (tar or tar+gzip bytes) as an aigogo OCI artifact whose config is `config`. */
export async function pushRawPackage(host: string, repositoryAndTag: string, layer: Buffer, options: {config?: string; gzip?: boolean} = {}): Promise<RawPackage> {
  const [repository, tag] = repositoryAndTag.split(':') as [string, string]
  const config = Buffer.from(options.config ?? AIGOGO_JSON)
  const configDigest = await putBlob(host, repository, config)
  const layerDigest = await putBlob(host, repository, layer)
  const manifest = Buffer.from(JSON.stringify({
    artifactType: 'application/vnd.aigogo.package.v1',
    config: {digest: configDigest, mediaType: 'application/vnd.aigogo.package.config.v1+json', size: config.length},
    layers: [{digest: layerDigest, mediaType: `application/vnd.oci.image.layer.v1.tar${options.gzip ? '+gzip' : ''}`, size: layer.length}],
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    schemaVersion: 2,
  }))
  const put = await fetch(`http://${host}/v2/${repository}/manifests/${tag}`, {body: new Blob([new Uint8Array(manifest)]), headers: {'content-type': 'application/vnd.oci.image.manifest.v1+json'}, method: 'PUT'})
  if (put.status !== 201) throw new Error(`manifest: ${put.status} ${await put.text()}`)
  return {digest: sha(manifest), layerDigest, ref: `${host}/${repositoryAndTag}`}
}

/** A USTAR header block of one entry. */
function header(name: string, prefix: string, size: number, type: string): Buffer {
  const header = Buffer.alloc(512)
  header.write(name, 0, 100)
  header.write('0000644\0', 100)
  header.write('0000000\0', 108)
  header.write('0000000\0', 116)
  header.write(size.toString(8).padStart(11, '0') + '\0', 124)
  header.write('00000000000\0', 136)
  header.write('        ', 148)
  header.write(type, 156)
  header.write('ustar\0', 257)
  header.write('00', 263)
  header.write(prefix, 345, 155)
  let sum = 0
  for (const byte of header) sum += byte
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148)
  return header
}

const pad = (bytes: Buffer): Buffer => Buffer.concat([bytes, Buffer.alloc((512 - (bytes.length % 512)) % 512)])

/**
 * One regular file: a USTAR header (the path split over the prefix field past 100 bytes) and its
 * data; a path USTAR cannot hold (a segment over 100 bytes, more than 255 in all) goes in a PAX header.
 */
export function tarEntry(path: string, data: Buffer | string): Buffer {
  const body = Buffer.from(data)
  const bytes = Buffer.byteLength(path)
  const split = path.lastIndexOf('/', 155)
  if (bytes <= 100) return Buffer.concat([header(path, '', body.length, '0'), pad(body)])
  if (split > 0 && bytes - split - 1 <= 100 && split <= 155) return Buffer.concat([header(path.slice(split + 1), path.slice(0, split), body.length, '0'), pad(body)])
  const record = (length: number): string => `${length} path=${path}\n`
  let length = Buffer.byteLength(record(0))
  while (Buffer.byteLength(record(length)) !== length) length = Buffer.byteLength(record(length))
  const pax = Buffer.from(record(length))
  return Buffer.concat([header('PaxHeader', '', pax.length, 'x'), pad(pax), header('long-path', '', body.length, '0'), pad(body)])
}

/** A tar archive of the given files (in order), with the two zero blocks at the end. */
export function tarOf(files: ReadonlyArray<readonly [string, Buffer | string]>): Buffer {
  return Buffer.concat([...files.map(([path, data]) => tarEntry(path, data)), Buffer.alloc(1024)])
}
