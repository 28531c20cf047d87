/**
 * Crafting what an attacker controls: a package pushed straight to a real registry with a
 * hand-made aigogo.json (the CLI would refuse to build it). Snapshots of directory trees, to prove
 * that a refusal wrote nothing, are test/helpers/tree-snapshot.ts.
 */
import {execa} from 'execa'
import {createHash} from 'node:crypto'
import {mkdir, readFile, readdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import type {TestRegistry} from '../../../../test/helpers/registry.js'

const MAKE_TAR = join(import.meta.dirname, '..', '..', '..', 'registry', 'test', 'make-tar.py')
const sha = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

async function upload(registry: TestRegistry, repo: string, bytes: Buffer): Promise<void> {
  const start = await fetch(`${registry.url}/v2/${repo}/blobs/uploads/`, {method: 'POST'})
  if (start.status !== 202) throw new Error(`upload start: ${start.status}`)
  const location = new URL(start.headers.get('location')!, registry.url)
  location.searchParams.set('digest', sha(bytes))
  const put = await fetch(location, {body: bytes, headers: {'content-type': 'application/octet-stream'}, method: 'PUT'})
  if (put.status !== 201) throw new Error(`upload: ${put.status}`)
}

/**
 * Pushes `files` (aigogo.json among them, written as given) as a Docker-v2 package the way the
 * upstream Go client does (config "{}", one tar layer), tagged `repo:tag`. Returns the reference.
 */
export async function pushRawPackage(registry: TestRegistry, work: string, repo: string, tag: string, files: Record<string, string>): Promise<string> {
  const src = join(work, `raw-${repo.replaceAll('/', '-')}-${tag}`)
  await mkdir(src, {recursive: true})
  for (const [name, content] of Object.entries(files)) await writeFile(join(src, name), content)
  const layerFile = `${src}.tar`
  await execa('python3', [MAKE_TAR, layerFile, 'upstream', src, ...Object.keys(files)])
  const layer = await readFile(layerFile)
  const config = Buffer.from('{}')
  await upload(registry, repo, config)
  await upload(registry, repo, layer)
  const manifest = JSON.stringify({
    config: {digest: sha(config), mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length},
    layers: [{digest: sha(layer), mediaType: 'application/vnd.docker.image.rootfs.diff.tar', size: layer.length}],
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    schemaVersion: 2,
  })
  const put = await fetch(`${registry.url}/v2/${repo}/manifests/${tag}`, {body: manifest, headers: {'content-type': 'application/vnd.docker.distribution.manifest.v2+json'}, method: 'PUT'})
  if (put.status !== 201) throw new Error(`manifest: ${put.status}`)
  return `${registry.host}/${repo}:${tag}`
}

/** The site-packages directory of a venv made with `python3 -m venv`. */
export async function sitePackagesOf(venv: string): Promise<string> {
  const [python] = (await readdir(join(venv, 'lib'))).filter((n) => n.startsWith('python'))
  return join(venv, 'lib', python!, 'site-packages')
}
