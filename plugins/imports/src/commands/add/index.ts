import {Args} from '@oclif/core'
import {AigogoCommand, aigogoDirs, printData} from '@aigogo/sdk'

import {importHint} from '../../install/up-to-date.js'
import {packageSources} from '../../install/sources.js'
import {type AddResult, addPackage} from '../../lock/add-package.js'

export default class Add extends AigogoCommand {
  static override completion = {args: 'local-builds'} as const
  static override summary = 'Add a package to aigogo.lock (a local build name:tag, or <registry>/<repo>:<tag>).'
  static override description = `Brings the package into the content-addressable store and records it in the nearest aigogo.lock (a new one in the current directory when there is none). Run "aigogo install" afterwards to wire it into the project.

To edit the package you are authoring instead, see "aigogo add file" and "aigogo add dep".`

  static override args = {
    ref: Args.string({description: 'package reference: name:tag (local build) or registry/repo:tag', required: true}),
  }

  static override examples = [
    '<%= config.bin %> add string-utils:1.0.0',
    '<%= config.bin %> add ghcr.io/org/api-client:2.0.0',
    '<%= config.bin %> add file utils.py  # (author) include a file in your own package',
  ]

  async run(): Promise<AddResult> {
    const {args} = await this.parse(Add)
    const deps = await packageSources(this.config)
    const result = await addPackage(args.ref, deps, {cwd: process.cwd(), dirs: aigogoDirs(), json: this.json})
    if (!this.json) printData(render(result))
    return result
  }
}

function render(r: AddResult): string {
  return [
    `✓ ${r.replaced ? 'Updated' : 'Added'} ${r.name}@${r.version} to ${r.lockFile}`,
    `  Hash: ${r.integrity.slice(0, 'sha256:'.length + 16)}...`,
    `  Files: ${r.files.length}`,
    `  Language: ${r.language}`,
    `  Source: ${r.source} (${r.sourceId}${r.digest ? `, ${r.digest}` : ''})`,
    '',
    'Next steps:',
    "  1. Run 'aigogo install' to create import links",
    '  2. Commit aigogo.lock to version control',
    '',
    `Import with: ${importHint(r.key, r.language)}`,
  ].join('\n')
}
