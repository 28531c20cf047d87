/**
 * A first-party plugin's GitHub release asset: its npm tarball's contents plus, under
 * package/node_modules, every runtime dependency it needs (the plugin host runs no npm). The
 * peers (@aigogo/sdk, @oclif/core) are left out: the host links them to the kernel's copies.
 * Dependencies are copied from this checkout's installed tree (what package-lock.json pinned and
 * the tests ran; each copy is checked against the lock), placed npm-style: at the top of
 * node_modules, nested only on a version clash.
 */
import {execFileSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, relative} from 'node:path'

import {dataError} from './fail.mjs'

const PEERS = new Set(['@aigogo/sdk', '@oclif/core'])

/** Where `name` resolves from a package folder, the way node looks it up. */
function resolveFrom(dir, name) {
  for (let at = dir; ; at = dirname(at)) {
    const candidate = join(at, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate)
    if (dirname(at) === at) return undefined
  }
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'))

/**
 * The installed copy must be what package-lock.json pinned at that place: a hand-edited or stale
 * node_modules would otherwise ship in a release asset unnoticed.
 */
function checkLocked(lock, root, source, name, version, pluginName) {
  const entry = lock.packages?.[relative(root, source)]
  if (!entry || entry.version !== version || entry.link) {
    throw dataError('RELEASE_DEPENDENCY_UNLOCKED', `${pluginName} would bundle ${name}@${version} from ${relative(root, source)}, which package-lock.json does not pin there${entry?.version ? ` (it pins ${entry.version})` : ''}`, [
      'run npm ci (node_modules exactly as locked), then the release again',
    ])
  }
}

/** Copies the dependency closure of `sourceDir` into `targetDir/node_modules`; returns the bundled names. */
function bundleDependencies(sourceDir, targetDir, pluginName, root) {
  const lock = readJson(join(root, 'package-lock.json'))
  const placed = new Map() // top-level name -> version
  const bundled = []
  const visit = (fromSource, intoTarget, deps, optional) => {
    for (const name of Object.keys(deps)) {
      if (PEERS.has(name)) continue
      const source = resolveFrom(fromSource, name)
      if (!source) {
        if (optional.has(name)) continue
        throw dataError('RELEASE_DEPENDENCY_MISSING', `${pluginName} needs ${name}, which is not installed in this checkout`, ['run npm ci, then the release again'])
      }
      const json = readJson(join(source, 'package.json'))
      checkLocked(lock, root, source, name, json.version, pluginName)
      let target
      const top = placed.get(name)
      if (top === undefined) {
        target = join(targetDir, 'node_modules', name)
        placed.set(name, json.version)
      } else if (top === json.version) {
        continue
      } else {
        target = join(intoTarget, 'node_modules', name)
        if (existsSync(target)) continue
      }
      // Dereference links; leave out the dependency's own node_modules (its deps are placed by the walk).
      cpSync(source, target, {dereference: true, filter: (path) => !relative(source, path).split('/').includes('node_modules'), recursive: true})
      bundled.push(`${name}@${json.version}`)
      const optionalHere = new Set(Object.keys(json.optionalDependencies ?? {}))
      visit(source, target, {...json.dependencies, ...json.optionalDependencies}, optionalHere)
    }
  }
  const pjson = readJson(join(sourceDir, 'package.json'))
  visit(sourceDir, targetDir, {...pjson.dependencies, ...pjson.optionalDependencies}, new Set(Object.keys(pjson.optionalDependencies ?? {})))
  return bundled.sort()
}

export const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex')

/**
 * Writes <outDir>/aigogo-plugin-<name>-<version>.tgz and <outDir>/checksums.txt. `npmTarball` is
 * the plugin's `npm pack` output, `sourceDir` its workspace folder; `mtime` makes the archive
 * reproducible (the release commit's date).
 */
export function buildPluginAsset({mtime, name, npmTarball, outDir, root, sourceDir, version}) {
  const stage = mkdtempSync(join(tmpdir(), 'aigogo-release-asset-'))
  try {
    execFileSync('tar', ['-xzf', npmTarball, '-C', stage])
    const packageDir = join(stage, 'package')
    const bundled = bundleDependencies(sourceDir, packageDir, name, realpathSync(root))
    const pjsonFile = join(packageDir, 'package.json')
    const pjson = readJson(pjsonFile)
    // Record what the asset carries, the way npm's bundleDependencies would.
    if (bundled.length > 0) writeFileSync(pjsonFile, `${JSON.stringify({...pjson, bundleDependencies: Object.keys(pjson.dependencies ?? {}).filter((d) => !PEERS.has(d))}, null, 2)}\n`)
    mkdirSync(outDir, {recursive: true})
    const asset = `aigogo-plugin-${name}-${version}.tgz`
    execFileSync('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', `--mtime=@${mtime}`, '--format=pax', '--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime', '--use-compress-program=gzip -n', '-cf', join(outDir, asset), '-C', stage, 'package'])
    writeFileSync(join(outDir, 'checksums.txt'), `${sha256(join(outDir, asset))}  ${asset}\n`)
    return {asset, bundled}
  } finally {
    rmSync(stage, {force: true, recursive: true})
  }
}
