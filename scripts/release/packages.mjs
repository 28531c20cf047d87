/**
 * The publishable packages of this repository and their versions: the SDK, the first-party
 * plugins and the kernel, in publish order (a package comes after everything it depends on).
 * A release moves them together: one version, and every reference between them exact.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {preconditionError, usageError} from './fail.mjs'

// semver.org's regular expression, without a leading "v".
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/

export function checkVersion(version) {
  if (typeof version !== 'string' || !SEMVER.test(version)) {
    throw usageError('RELEASE_VERSION_INVALID', `${JSON.stringify(version ?? '')} is not a semver version`, [
      'give a bare version such as 1.2.3 or 1.3.0-rc.1 (no leading "v"): npm run release -- 1.2.3',
    ])
  }
  return version
}

export const isPrerelease = (version) => /^[^+]*-/.test(version)

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'))
const writeJson = (file, value) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`)

/** Every workspace package plus the root, with its folder ("" for the root). */
export function workspacePackages(root) {
  const rootJson = readJson(join(root, 'package.json'))
  const dirs = ['src/sdk', ...['store', 'registry', 'imports', 'depgen', 'mcp'].map((name) => `plugins/${name}`)]
  const missing = (rootJson.workspaces ?? []).filter((pattern) => !['src/sdk', 'plugins/*'].includes(pattern))
  if (missing.length > 0) {
    throw preconditionError('RELEASE_LAYOUT_UNKNOWN', `package.json has workspaces scripts/release does not know: ${missing.join(', ')}`, [
      'add them to scripts/release/packages.mjs and docs/RELEASING.md',
    ])
  }
  return [...dirs, ''].map((dir) => ({dir, file: join(root, dir, 'package.json'), json: readJson(join(root, dir, 'package.json'))}))
}

/** The publishable ones (not private), SDK first, kernel last. */
export const publishable = (packages) => packages.filter((pkg) => pkg.json.private !== true)

/** Each place one of our packages names another: [package, field, dependency, spec]. */
function internalReferences(packages) {
  const ours = new Set(packages.map((pkg) => pkg.json.name))
  const refs = []
  for (const pkg of packages) {
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies']) {
      for (const [name, spec] of Object.entries(pkg.json[field] ?? {})) if (ours.has(name)) refs.push({field, name, pkg, spec})
    }
  }
  return refs
}

/** The one version every package has, or a refusal listing who disagrees. */
export function agreedVersion(packages) {
  const versions = new Map()
  for (const pkg of packages) versions.set(pkg.json.version, [...(versions.get(pkg.json.version) ?? []), pkg.json.name])
  const [version] = [...versions.keys()].sort((a, b) => versions.get(b).length - versions.get(a).length)
  const problems = []
  if (versions.size > 1) {
    for (const [other, names] of versions) if (other !== version) problems.push(`${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} at ${other}, the others at ${version}`)
  }
  for (const ref of internalReferences(packages)) {
    if (ref.spec !== version) problems.push(`${ref.pkg.json.name} ${ref.field} names ${ref.name}@${JSON.stringify(ref.spec)}, not exactly ${version}`)
  }
  if (problems.length > 0) {
    throw preconditionError('RELEASE_VERSIONS_DISAGREE', `the packages' versions disagree: ${problems.join('; ')}`, [
      'every package of a release has the same version, and references between them are exact: fix the package.json files, run npm install, commit',
    ])
  }
  return version
}

/** Sets every package's version and every reference between them, in package.json and package-lock.json. */
export function setVersion(root, packages, version) {
  for (const pkg of packages) {
    pkg.json.version = version
  }
  for (const ref of internalReferences(packages)) ref.pkg.json[ref.field][ref.name] = version
  for (const pkg of packages) writeJson(pkg.file, pkg.json)
  const lockFile = join(root, 'package-lock.json')
  const lock = readJson(lockFile)
  if (lock.name === packages.at(-1).json.name) lock.version = version
  const names = new Set(packages.map((pkg) => pkg.json.name))
  for (const pkg of packages) {
    const entry = lock.packages?.[pkg.dir]
    if (!entry) continue
    entry.version = version
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies']) {
      for (const name of Object.keys(entry[field] ?? {})) if (names.has(name)) entry[field][name] = version
    }
  }
  writeJson(lockFile, lock)
}
