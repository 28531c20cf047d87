#!/usr/bin/env node
/**
 * One release command (docs/RELEASING.md):
 *
 *   npm run release -- <version> [--out <dir>] [--no-build]                       make the release
 *   npm run release -- <version> --publish --registry <url> [--userconfig <npmrc>]  publish it
 *
 * Refuses a dirty tree, a version that is not semver and packages whose versions disagree; sets
 * every package to <version> when they agree on another one; builds from clean; writes the npm
 * tarballs to <out>/npm and, per first-party plugin, the GitHub release asset and checksums.txt to
 * <out>/github/plugins/<name>/v<version> (the tag's name). Publishing is a separate run that sends
 * exactly those tarballs (never rebuilt ones) to the registry named.
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

import {preconditionError, report, usageError} from './release/fail.mjs'
import {agreedVersion, checkVersion, publishable, setVersion, workspacePackages} from './release/packages.mjs'
import {buildPluginAsset, sha256} from './release/plugin-asset.mjs'
import {publishAll} from './release/publish.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const log = (line) => process.stderr.write(`${line}\n`)

function parseArgs(argv) {
  const options = {allowDirty: false, build: true, npmArgs: [], publish: false}
  const positionals = []
  const value = (flag, i) => {
    const next = argv[i + 1]
    if (next === undefined || next.startsWith('--')) throw usageError('RELEASE_USAGE', `${flag} needs a value`, ['see docs/RELEASING.md'])
    return next
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--out') options.out = value(arg, i++)
    else if (arg === '--registry') options.registry = value(arg, i++)
    else if (arg === '--userconfig') options.npmArgs.push('--userconfig', value(arg, i++))
    else if (arg === '--no-build') options.build = false
    else if (arg === '--allow-dirty') options.allowDirty = true
    else if (arg === '--publish') options.publish = true
    else if (arg.startsWith('-')) throw usageError('RELEASE_USAGE', `unknown flag ${JSON.stringify(arg)}`, ['usage: npm run release -- <version> [--out <dir>] [--no-build] [--allow-dirty] [--publish --registry <url> [--userconfig <npmrc>]]'])
    else positionals.push(arg)
  }
  if (positionals.length !== 1) throw usageError('RELEASE_USAGE', positionals.length === 0 ? 'which version? npm run release -- <version>' : `one version only, got ${positionals.join(' ')}`, ['usage: npm run release -- 1.2.3'])
  if (options.publish && !options.registry) throw usageError('RELEASE_USAGE', '--publish needs --registry <url>: publishing never goes to a registry by default', ['npm run release -- <version> --publish --registry https://registry.npmjs.org/'])
  options.version = positionals[0]
  return options
}

function git(args) {
  const result = spawnSync('git', args, {cwd: ROOT, encoding: 'utf8'})
  if (result.status !== 0) throw preconditionError('RELEASE_NOT_GIT', `git ${args.join(' ')} failed in ${ROOT}: ${(result.stderr || '').trim()}`, ['make releases from a git checkout of aigogo'])
  return result.stdout
}

function checkClean(out) {
  const dirty = git(['status', '--porcelain', '--untracked-files=normal']).split('\n').filter(Boolean)
    .filter((line) => !resolve(ROOT, line.slice(3)).startsWith(`${out}/`) && resolve(ROOT, line.slice(3)) !== out)
  if (dirty.length > 0) {
    throw preconditionError('RELEASE_TREE_DIRTY', `the git tree has uncommitted changes (${dirty.length}): ${dirty.slice(0, 5).map((l) => l.slice(3)).join(', ')}${dirty.length > 5 ? ', ...' : ''}`, [
      'commit or stash them: a release is built from a commit, so it can be rebuilt and audited',
    ])
  }
}

function checkLicenses(packages) {
  const license = readFileSync(join(ROOT, 'LICENSE'))
  const drifted = packages.filter((pkg) => pkg.dir !== '').filter((pkg) => !existsSync(join(ROOT, pkg.dir, 'LICENSE')) || !readFileSync(join(ROOT, pkg.dir, 'LICENSE')).equals(license))
  if (drifted.length > 0) {
    throw preconditionError('RELEASE_LICENSE_DRIFT', `${drifted.map((pkg) => `${pkg.dir}/LICENSE`).join(', ')} missing or not the root LICENSE (npm ships a package's LICENSE only from its own folder)`, [
      `copy it: ${drifted.map((pkg) => `cp LICENSE ${pkg.dir}/`).join(' && ')}, and commit`,
    ])
  }
}

function run(command, args) {
  const result = spawnSync(command, args, {cwd: ROOT, env: {...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true'}, stdio: ['ignore', 2, 2]})
  if (result.status !== 0) throw preconditionError('RELEASE_BUILD_FAILED', `${command} ${args.join(' ')} failed (exit ${result.status})`, ['fix the build, commit, run the release again'])
}

function checkBuilt(packages, version) {
  for (const pkg of packages) {
    const manifest = join(ROOT, pkg.dir, 'oclif.manifest.json')
    const needs = pkg.json.oclif ? [manifest, join(ROOT, pkg.dir, 'dist')] : [join(ROOT, pkg.dir, 'dist')]
    const missing = needs.find((path) => !existsSync(path))
    const stale = !missing && pkg.json.oclif && JSON.parse(readFileSync(manifest, 'utf8')).version !== version
    if (missing || stale) {
      throw preconditionError('RELEASE_BUILD_STALE', `${pkg.json.name} is not built for ${version} (${missing ? `${relative(ROOT, missing)} is missing` : 'its oclif.manifest.json is of another version'})`, [
        'drop --no-build, or run npm run build first',
      ])
    }
  }
}

function packNpm(pkg, dir) {
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], {cwd: join(ROOT, pkg.dir), encoding: 'utf8', env: {...process.env, npm_config_loglevel: 'error'}, stdio: ['ignore', 'pipe', 'pipe']})
  const [packed] = JSON.parse(output)
  const files = new Set(packed.files.map((f) => f.path))
  const lacking = ['package.json', 'README.md', 'LICENSE'].filter((f) => !files.has(f))
  const leaking = [...files].filter((f) => /(^|\/)(test|src)\/|\.tsbuildinfo$/.test(f) && !f.startsWith('dist/'))
  if (lacking.length > 0 || leaking.length > 0) {
    throw preconditionError('RELEASE_PACKAGE_CONTENTS', `${pkg.json.name}'s tarball ${lacking.length ? `lacks ${lacking.join(', ')}` : ''}${leaking.length ? ` ships ${leaking.slice(0, 5).join(', ')}` : ''}`, ['fix "files" in its package.json'])
  }
  return {file: join(dir, packed.filename), name: pkg.json.name, size: packed.size, unpacked: packed.unpackedSize}
}

/** The publish run: the tarballs an earlier run wrote to <out>/npm, in dependency order. */
function publish(options, packages, version, out) {
  const tarballs = packages.map((pkg) => ({file: join(out, 'npm', `${pkg.json.name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`), name: pkg.json.name}))
  const missing = tarballs.filter((t) => !existsSync(t.file))
  if (missing.length > 0) {
    throw preconditionError('RELEASE_NOT_MADE', `${relative(ROOT, out) || out} lacks ${missing.map((t) => relative(out, t.file)).join(', ')}`, [
      `make the release first: npm run release -- ${version}${options.out ? ` --out ${options.out}` : ''}, then publish it`,
    ])
  }
  publishAll({log, npmArgs: options.npmArgs, registry: options.registry, tarballs, version})
  process.stdout.write(`${JSON.stringify({published: tarballs.map((t) => t.name), registry: options.registry, version}, null, 2)}\n`)
}

function main() {
  const options = parseArgs(process.argv.slice(2))
  const version = checkVersion(options.version)
  const out = resolve(ROOT, options.out ?? join('release', `v${version}`))
  if (!options.allowDirty) checkClean(out)
  const packages = publishable(workspacePackages(ROOT))
  const current = agreedVersion(packages)
  checkLicenses(packages)
  if (current !== version && options.publish) {
    throw preconditionError('RELEASE_VERSION_UNCOMMITTED', `the packages are at ${current}, not ${version}: publish only what a commit holds`, [
      `run npm run release -- ${version} (sets the versions), commit and tag, then publish`,
    ])
  }
  if (options.publish) return publish(options, packages, version, out)
  if (current !== version) {
    setVersion(ROOT, packages, version)
    log(`set every package and every reference between them to ${version} (package.json files and package-lock.json)`)
  }
  if (options.build) {
    run('npm', ['run', 'clean'])
    run('npm', ['run', 'build'])
  }
  checkBuilt(packages, version)

  if (existsSync(out) && readdirSync(out).length > 0) {
    if (!out.startsWith(join(ROOT, 'release') + '/')) throw preconditionError('RELEASE_OUT_EXISTS', `${out} exists and is not empty`, ['remove it or give another --out'])
    rmSync(out, {force: true, recursive: true})
  }
  const npmDir = join(out, 'npm')
  mkdirSync(npmDir, {recursive: true})
  const tarballs = packages.map((pkg) => packNpm(pkg, npmDir))
  for (const t of tarballs) log(`npm      ${relative(ROOT, t.file)}  ${(t.size / 1024).toFixed(0)} KiB`)

  const mtime = Number(git(['log', '-1', '--format=%ct']).trim())
  const assets = []
  for (const pkg of packages.filter((p) => p.json.aigogo?.name)) {
    const name = pkg.json.aigogo.name
    const tag = `plugins/${name}/v${version}`
    const dir = join(out, 'github', tag)
    const npmTarball = tarballs.find((t) => t.name === pkg.json.name).file
    const {asset, bundled} = buildPluginAsset({mtime, name, npmTarball, outDir: dir, root: ROOT, sourceDir: join(ROOT, pkg.dir), version})
    assets.push({asset: join(dir, asset), bundled, checksums: join(dir, 'checksums.txt'), name, tag})
    log(`github   ${relative(ROOT, join(dir, asset))}  ${(statSync(join(dir, asset)).size / 1024).toFixed(0)} KiB (bundles ${bundled.length} dependencies)  tag ${tag}`)
  }

  log(`\nNext: commit, tag v${version} and ${assets.map((a) => a.tag).join(', ')}; gh release create <tag> <asset> checksums.txt for each plugin;\nthen npm run release -- ${version} --publish --registry <url>${options.out ? ` --out ${options.out}` : ''}`)
  process.stdout.write(`${JSON.stringify({assets: assets.map((a) => ({...a, sha256: sha256(a.asset)})), npm: tarballs, out, version}, null, 2)}\n`)
}

try {
  main()
} catch (error) {
  process.exitCode = report(error)
}
