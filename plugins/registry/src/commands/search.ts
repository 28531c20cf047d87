import {Args, Flags} from '@oclif/core'
import {AigogoCommand, printData, table, usageError} from '@aigogo/sdk'

import {search, type SearchHit} from '../inspect.js'
import {registryName} from '../login.js'
import {createSession} from '../session.js'

export default class Search extends AigogoCommand {
  static override summary = "Search a registry's catalog by name and AI summary (reads config blobs only)."
  static override args = {query: Args.string({default: '', description: 'text to look for in names and summaries'})}
  static override flags = {registry: Flags.string({description: 'registry host[:port] (default: $AIGOGO_REGISTRY)'})}

  async run(): Promise<{registry: string; results: SearchHit[]}> {
    const {args, flags} = await this.parse(Search)
    const given = flags.registry ?? process.env.AIGOGO_REGISTRY
    if (!given) throw usageError('SEARCH_NO_REGISTRY', 'say which registry to search', ['aigogo search <query> --registry localhost:5000', 'or set AIGOGO_REGISTRY'])
    const registry = registryName(given)
    const session = createSession()
    try {
      const results = await search(session, registry, args.query ?? '')
      if (!this.json) {
        printData(results.length === 0 ? args.query ? `No packages matching "${args.query}" on ${registry}` : `No packages on ${registry}` : table([['NAME', 'LATEST', 'SUMMARY'], ...results.map((r) => [`${registry}/${r.repository}`, r.latest ?? '', r.foreign ? '(not an aigogo package)' : (r.summary ?? '')])]))
      }
      return {registry, results}
    } finally {
      await session.close()
    }
  }
}
