#!/usr/bin/env node
/**
 * Replaces dist/vendor.js (compiled by tsc, importing the MCP SDK and zod) with one bundle that
 * imports only node built-ins, and writes dist/THIRD_PARTY_LICENSES.md with the license of every
 * package the bundle contains. Runs after tsc in `npm run build`.
 */
import {build} from 'esbuild'
import {existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const entry = join(root, 'src', 'vendor.ts')
const out = join(root, 'dist', 'vendor.js')

const result = await build({
  bundle: true,
  entryPoints: [entry],
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  minify: true,
  outfile: out,
  platform: 'node',
  target: 'node20',
  // Some bundled CommonJS requires node built-ins at run time.
  banner: {js: "import {createRequire as __aigogoRequire} from 'node:module'; const require = __aigogoRequire(import.meta.url);"},
})

/** The package directory (holding package.json with a name) of a bundled input file. */
function packageDirOf(file) {
  let dir = dirname(resolve(file))
  while (dir !== dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name) return dir
    dir = dirname(dir)
  }
  return undefined
}

const packages = new Map()
for (const input of Object.keys(result.metafile.inputs)) {
  if (!input.includes('node_modules')) continue
  const dir = packageDirOf(input)
  if (dir && !packages.has(dir)) packages.set(dir, JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')))
}
const sections = [...packages.entries()]
  .sort(([, a], [, b]) => a.name.localeCompare(b.name))
  .map(([dir, pkg]) => {
    const licenseFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f))
    const text = licenseFile ? readFileSync(join(dir, licenseFile), 'utf8').trim() : `License: ${pkg.license ?? 'see the package'}`
    return `## ${pkg.name} ${pkg.version} (${pkg.license ?? 'unknown'})\n\n\`\`\`\n${text}\n\`\`\``
  })
writeFileSync(join(root, 'dist', 'THIRD_PARTY_LICENSES.md'), `# Packages bundled in dist/vendor.js\n\n${sections.join('\n\n')}\n`)
const bytes = result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].bytes
process.stderr.write(`bundled ${packages.size} packages into dist/vendor.js (${(bytes / 1024).toFixed(0)} KiB)\n`)
