import {Args} from '@oclif/core'
import {AigogoCommand, type Dependency, capability, printData} from '@aigogo/sdk'
import {basename, dirname, resolve} from 'node:path'

import {renderText} from '../show-deps/render-text.js'

export interface ShowDepsResult {
  name: string
  version: string
  language: string
  runtime: Dependency[]
  dev: Dependency[]
}

export default class ShowDeps extends AigogoCommand {
  static override summary = "Show a package's declared dependencies."
  static override args = {
    path: Args.string({default: '.', description: 'package directory, or its aigogo.json'}),
  }

  static override examples = ['<%= config.bin %> show-deps .', '<%= config.bin %> show-deps ../my-utils --json']

  async run(): Promise<ShowDepsResult> {
    const {args} = await this.parse(ShowDeps)
    const target = resolve(args.path)
    const dir = basename(target) === 'aigogo.json' ? dirname(target) : target
    // aigogo.json belongs to the store plugin: ask for it through the capability.
    const manifests = await capability(this.config, 'manifest')
    const {manifest} = await manifests.load(dir)
    if (!this.json) printData(renderText(manifest))
    return {
      dev: manifest.dependencies?.dev ?? [],
      language: manifest.language.name,
      name: manifest.name,
      runtime: manifest.dependencies?.runtime ?? [],
      version: manifest.version,
    }
  }
}
