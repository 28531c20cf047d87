#!/usr/bin/env node
/**
 * What `npm i -g aigogo` puts on disk: the release's npm tarballs (scripts/release.mjs, from the
 * current build) installed together into a temporary prefix with npm, then the size and package
 * count of the installed tree, the largest packages first. Third-party dependencies come from the
 * registry npm is configured with (the test suite's release gate does the same through Verdaccio).
 *
 *   node bench/footprint.js          (after npm run build)
 */
import {execFileSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const {version} = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
const work = mkdtempSync(join(tmpdir(), 'aigogo-bench-footprint-'))

function sizeOf(path) {
  const info = statSync(path, {throwIfNoEntry: false})
  if (!info) return 0
  if (!info.isDirectory()) return info.size
  let total = 0
  for (const entry of readdirSync(path)) total += sizeOf(join(path, entry))
  return total
}

/** Every package directory under a node_modules tree, nested ones included. */
function packagesUnder(modules, found = []) {
  for (const entry of readdirSync(modules, {withFileTypes: true})) {
    if (entry.name.startsWith('.') || !entry.isDirectory()) continue
    const names = entry.name.startsWith('@') ? readdirSync(join(modules, entry.name)).map((n) => `${entry.name}/${n}`) : [entry.name]
    for (const name of names) {
      const dir = join(modules, name)
      found.push({dir, name})
      const nested = join(dir, 'node_modules')
      if (statSync(nested, {throwIfNoEntry: false})?.isDirectory()) packagesUnder(nested, found)
    }
  }
  return found
}

try {
  const out = join(work, 'release')
  const made = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'scripts', 'release.mjs'), version, '--no-build', '--allow-dirty', '--out', out], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}))
  const app = join(work, 'app')
  const tarballs = made.npm.map((p) => p.file)
  // One install of all six tarballs: the kernel's exact @aigogo/* dependencies are met by them.
  execFileSync('npm', ['install', '--prefix', app, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--omit=dev', ...tarballs], {stdio: ['ignore', 'ignore', 'inherit']})
  const modules = join(app, 'node_modules')
  const packages = packagesUnder(modules).map((p) => ({...p, bytes: sizeOf(p.dir) - sizeOf(join(p.dir, 'node_modules'))}))
  const total = sizeOf(modules)
  const copies = (name) => packages.filter((p) => p.name === name).length
  console.log(`installed: ${(total / 1e6).toFixed(1)} MB in ${packages.length} packages (ceiling 25 MB)`)
  console.log(`copies: @oclif/core ${copies('@oclif/core')}, @aigogo/sdk ${copies('@aigogo/sdk')}, typescript ${copies('typescript')}`)
  console.log('largest:')
  for (const p of packages.sort((a, b) => b.bytes - a.bytes).slice(0, 8)) console.log(`  ${(p.bytes / 1e6).toFixed(2).padStart(6)} MB  ${p.name}`)
} finally {
  rmSync(work, {force: true, recursive: true})
}
