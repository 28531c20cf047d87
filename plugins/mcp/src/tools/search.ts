/**
 * search {query, registry?}: packages whose name, repository, ai.summary or ai.capabilities hold
 * every word of the query, from the local builds and from each registry searched. One registry
 * failing does not fail the search: its error is reported beside the others' results.
 */
import {AigogoError, capability, hasCapability, type LocalBuild} from '@aigogo/sdk/core'

import type {ServerContext} from '../context.js'
import {matchScore, queryWords} from '../match.js'

export interface SearchResult {
  ref: string
  name: string
  version?: string
  summary?: string
  capabilities: string[]
  source: 'local' | 'registry'
  registry?: string
  score: number
}

function localHit(build: LocalBuild, words: readonly string[]): SearchResult | undefined {
  const ai = build.manifest.ai
  const summary = ai?.summary ?? build.manifest.description
  const score = matchScore(words, {capabilities: ai?.capabilities, name: build.name, summary})
  if (score === 0) return undefined
  return {capabilities: ai?.capabilities ?? [], name: build.name, ref: build.ref, score, source: 'local', version: build.version, ...(summary ? {summary} : {})}
}

export async function searchPackages(context: ServerContext, input: {query: string; registry?: string}): Promise<Record<string, unknown>> {
  const words = queryWords(input.query)
  const results: SearchResult[] = []
  const errors: Array<{registry: string; error: {code: string; message: string}}> = []
  const stoppedEarly: Array<{registry: string; reason: string}> = []
  if (hasCapability(context.plugins, 'local-builds')) {
    const builds = await (await capability(context.plugins, 'local-builds')).list()
    for (const build of builds) {
      const hit = localHit(build, words)
      if (hit) results.push(hit)
    }
  }
  // The registry plugin's bounded search: the given registry, else AIGOGO_REGISTRY, else the "registry" setting.
  const found = await (await capability(context.plugins, 'registry'))
    .search({query: '', ...(input.registry ? {registries: [input.registry]} : {})})
    .catch((error: unknown) => {
      // No registry configured: the local builds are still an answer.
      if (AigogoError.is(error) && error.code === 'SEARCH_NO_REGISTRY') return {complete: true, query: '', registries: [], results: []}
      throw error
    })
  const registries = found.registries.map((r) => r.registry)
  for (const report of found.registries) {
    if (report.error) errors.push({error: report.error, registry: report.registry})
    if (report.stoppedEarly) stoppedEarly.push({reason: report.stoppedEarly, registry: report.registry})
  }
  for (const hit of found.results) {
    if (hit.foreign) continue
    const score = matchScore(words, {capabilities: hit.capabilities, name: hit.name, repository: hit.repository, summary: hit.summary})
    if (score === 0) continue
    results.push({
      capabilities: hit.capabilities ?? [],
      name: hit.name ?? hit.repository,
      ref: hit.ref,
      registry: hit.registry,
      score,
      source: 'registry',
      version: hit.version ?? hit.latest,
      ...(hit.summary ? {summary: hit.summary} : {}),
    })
  }
  results.sort((a, b) => b.score - a.score || a.ref.localeCompare(b.ref))
  return {
    query: input.query,
    registries,
    results,
    ...(errors.length > 0 ? {errors} : {}),
    ...(stoppedEarly.length > 0 ? {stoppedEarly} : {}),
    ...(registries.length === 0 ? {note: 'no registry searched: pass "registry", or set default registries once: aigogo config set registry <host>'} : {}),
  }
}
