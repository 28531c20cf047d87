/** What `aigogo list` shows for each local build. */
import type {LocalBuild} from '@aigogo/sdk/core'

import {lstat} from 'node:fs/promises'
import {join} from 'node:path'

import {formatSize} from '../clean/usage.js'
import {recordedIntegrity} from './local-cache.js'

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

export async function describeBuilds(builds: readonly LocalBuild[]): Promise<ListedBuild[]> {
  return Promise.all(
    builds.map(async (b) => {
      const sizes = await Promise.all(b.files.map((f) => lstat(join(b.dir, f)).then((s) => s.size, () => 0)))
      const language = b.manifest.language as {name?: string; version?: string} | undefined
      const integrity = await recordedIntegrity(b.dir)
      return {
        builtAt: b.builtAt,
        bytes: sizes.reduce((x, y) => x + y, 0),
        devDependencies: b.manifest.dependencies?.dev?.length ?? 0,
        dir: b.dir,
        files: b.files.length,
        language: [language?.name, language?.version].filter(Boolean).join(' '),
        name: b.name,
        ref: b.ref,
        runtimeDependencies: b.manifest.dependencies?.runtime?.length ?? 0,
        version: b.version,
        ...(integrity ? {integrity} : {}),
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
