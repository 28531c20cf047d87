import {Args, Flags} from '@oclif/core'
import {AigogoCommand, printData, type RegistrySearchHit, type RegistrySearchResult, table} from '@aigogo/sdk'

import {searchPackages} from '../search/search.js'

/** Registry content on a terminal: control characters (escape sequences) shown as "?", long text cut. */
function shown(text: string | undefined, max = 70): string {
  const clean = (text ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean
}

function row(hit: RegistrySearchHit): string[] {
  const summary = hit.foreign ? '(not an aigogo package)' : shown(hit.summary)
  const name = hit.name && hit.name !== hit.repository.split('/').at(-1) ? shown(hit.name, 40) : ''
  return [`${hit.registry}/${hit.repository}`, `${hit.latest}${hit.tagsCut ? '*' : ''}`, name, summary]
}

export default class Search extends AigogoCommand {
  static override summary = "Search registries' catalogs by repository, package name, summary and capabilities (reads config blobs only)."
  static override description = `Without --registry, searches $AIGOGO_REGISTRY, else the registries of the "registry" setting (aigogo config set registry <host>...). A search reads at most --max-repositories repositories per registry and --max-tags tags per repository (settings search.max-repositories and search.max-tags), and says when it stopped early; --after goes on from there.`

  static override args = {query: Args.string({description: 'text to look for in repository paths, package names, summaries and capabilities; none: every package'})}
  static override flags = {
    registry: Flags.string({description: 'registry host[:port]; repeat for several (default: aigogo config get registry)', multiple: true}),
    'max-repositories': Flags.integer({description: 'repositories read per registry (default: setting search.max-repositories, else 500)', min: 1}),
    'max-tags': Flags.integer({description: 'tags read per repository (default: setting search.max-tags, else 1000)', min: 1}),
    after: Flags.string({description: 'start after this repository (the "next" of a search that stopped early); one registry only'}),
  }

  static override examples = [
    '<%= config.bin %> search string --registry localhost:5000',
    '<%= config.bin %> config set registry localhost:5000 && <%= config.bin %> search string',
    '<%= config.bin %> search --registry localhost:5000 --json',
  ]

  async run(): Promise<RegistrySearchResult> {
    const {args, flags} = await this.parse(Search)
    const query = args.query ?? ''
    const result = await searchPackages({after: flags.after, maxRepositories: flags['max-repositories'], maxTags: flags['max-tags'], query, registries: flags.registry})
    if (!this.json) {
      const where = result.registries.map((r) => r.registry).join(', ')
      const lines: string[] = []
      if (result.results.length === 0) lines.push(query ? `No packages matching ${JSON.stringify(shown(query))} on ${where}` : `No packages on ${where}`)
      else lines.push(table([['PACKAGE', 'LATEST', 'NAME', 'SUMMARY'], ...result.results.map(row)]))
      if (result.results.some((h) => h.tagsCut)) lines.push('', '* the repository has more tags than were read (--max-tags): the latest of those read')
      for (const report of result.registries) {
        if (report.error) lines.push('', `${report.registry}: not searched: ${report.error.message} [${report.error.code}]`)
        else if (!report.complete) {
          lines.push('', `${report.registry}: stopped early: ${report.stoppedEarly}`)
          if (report.next) lines.push(`  go on with: aigogo search${query ? ` ${JSON.stringify(query)}` : ''} --registry ${report.registry} --after ${report.next}`)
        }
      }
      printData(lines.join('\n'))
    }
    return result
  }
}
