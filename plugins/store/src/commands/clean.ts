import {Flags} from '@oclif/core'
import {AigogoCommand, printData} from '@aigogo/sdk'

import {AREA_LABELS, AREAS, type Area, type AreaUsage, areaUsage, cleanArea, formatSize} from '../clean/usage.js'

export default class Clean extends AigogoCommand {
  static override summary = 'Show disk usage, or remove exec environments, the build cache, the package store and/or leftover stages.'
  static override description = 'Leftover stages are the half-written folders of commands that were killed (their process is gone): tmp/store-*, tmp/build-*, plugins/.staging-* and .<file>.tmp-* files. Commands also remove them on their own when they stage something new.'
  static override flags = {
    all: Flags.boolean({description: 'remove exec environments, the cache, the store and leftover stages'}),
    cache: Flags.boolean({description: 'remove local builds and cached images'}),
    envs: Flags.boolean({description: 'remove the dependency environments of aigogo exec (AIGOGO_HOME/envs; the next exec of a package builds its own again)'}),
    leftovers: Flags.boolean({description: 'remove stages left by killed commands (never those of a running one)'}),
    store: Flags.boolean({description: 'remove the content-addressable store (installed projects must run aigogo install again)'}),
  }

  static override examples = ['<%= config.bin %> clean', '<%= config.bin %> clean --cache', '<%= config.bin %> clean --envs', '<%= config.bin %> clean --leftovers', '<%= config.bin %> clean --all']

  async run(): Promise<{removed: AreaUsage[]} | {usage: AreaUsage[]; totalBytes: number}> {
    const {flags} = await this.parse(Clean)
    const areas: Area[] = AREAS.filter((a) => flags.all || flags[a])
    if (areas.length === 0) {
      const usage = await Promise.all(AREAS.map((a) => areaUsage(a)))
      const totalBytes = usage.reduce((t, u) => t + u.bytes, 0)
      if (!this.json) {
        const rows = usage.map((u) =>
          u.bytes === 0 && u.items === 0 ? `  ${`${AREA_LABELS[u.area]}:`.padEnd(22)} ${'empty'.padStart(8)}` : `  ${`${AREA_LABELS[u.area]}:`.padEnd(22)} ${formatSize(u.bytes).padStart(8)}  (${u.items} items)   aigogo clean --${u.area}`,
        )
        printData(['aigogo disk usage:', '', ...rows, '', `  ${'Total:'.padEnd(22)} ${formatSize(totalBytes).padStart(8)}`, '', 'Use aigogo clean --all to remove everything'].join('\n'))
      }
      return {totalBytes, usage}
    }
    const removed: AreaUsage[] = []
    for (const area of areas) {
      const usage = await cleanArea(area)
      removed.push(usage)
      if (!this.json) printData(usage.bytes === 0 && usage.items === 0 ? `No ${AREA_LABELS[area].toLowerCase()} to clean` : `Removed ${AREA_LABELS[area].toLowerCase()}: ${formatSize(usage.bytes)} (${usage.items} items)`)
    }
    return {removed}
  }
}
