/** What `aigogo list` shows for each local build. */
import {lstat} from 'node:fs/promises'
import {join} from 'node:path'

import {formatSize} from '../clean/usage.js'
import {walkFiles} from '../files/walk.js'
import {type BuildMetadata, METADATA_FILE, buildNames, listBuildMetadata} from './local-cache.js'

export interface ListedBuild {
  ref: string
  name: string
  version: string
  language: string
  builtAt: string
  bytes: number
  files: number
  runtimeDependencies: number
  devDependencies: number
  integrity?: string
  dir: string
}

/** Files and bytes: from the metadata, or, for a build made before they were recorded, from its file tree. */
async function measure(dir: string, meta: BuildMetadata): Promise<{files: number; bytes: number}> {
  if (typeof meta.files === 'number' && typeof meta.bytes === 'number') return {bytes: meta.bytes, files: meta.files}
  const files = await walkFiles(dir, {skip: (path) => path === METADATA_FILE})
  const sizes = await Promise.all(files.map((f) => lstat(join(dir, f)).then((s) => s.size, () => 0)))
  return {bytes: sizes.reduce((x, y) => x + y, 0), files: files.length}
}

/** What `aigogo list` shows: one small metadata file per build (older builds: their file tree). */
export async function describeBuilds(env: NodeJS.ProcessEnv = process.env): Promise<ListedBuild[]> {
  return Promise.all(
    (await listBuildMetadata(env)).map(async ({dir, meta}) => {
      const language = meta.manifest.language as {name?: string; version?: string} | undefined
      const {bytes, files} = await measure(dir, meta)
      const {name, ref, version} = buildNames(meta)
      return {
        builtAt: meta.built_at,
        bytes,
        devDependencies: meta.manifest.dependencies?.dev?.length ?? 0,
        dir,
        files,
        language: [language?.name, language?.version].filter(Boolean).join(' '),
        name,
        ref,
        runtimeDependencies: meta.manifest.dependencies?.runtime?.length ?? 0,
        version,
        ...(meta.integrity ? {integrity: meta.integrity} : {}),
      }
    }),
  )
}

export function timeAgo(iso: string, now: Date): string {
  const then = Date.parse(iso)
  if (Number.isNaN(then)) return 'unknown'
  const minutes = Math.floor((now.getTime() - then) / 60_000)
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'} ago`
  if (minutes < 1) return 'just now'
  if (minutes < 60) return plural(minutes, 'minute')
  if (minutes < 60 * 24) return plural(Math.floor(minutes / 60), 'hour')
  return plural(Math.floor(minutes / 60 / 24), 'day')
}

export function renderBuilds(builds: readonly ListedBuild[], now: Date): string {
  if (builds.length === 0) return 'No local builds\n\nBuild one in a package directory: aigogo build'
  const lines = [`Local builds (${builds.length}):`, '']
  for (const b of builds) {
    lines.push(`${b.ref}`, `   Built: ${timeAgo(b.builtAt, now)}`, `   Size: ${formatSize(b.bytes)} (${b.files} files)`)
    if (b.language) lines.push(`   Language: ${b.language}`)
    if (b.runtimeDependencies + b.devDependencies > 0) lines.push(`   Dependencies: ${b.runtimeDependencies} runtime${b.devDependencies > 0 ? `, ${b.devDependencies} dev` : ''}`)
    if (b.integrity) lines.push(`   Integrity: ${b.integrity}`)
    lines.push('')
  }
  return lines.join('\n').trimEnd()
}
