import {Args, Flags} from '@oclif/core'
import {AigogoCommand, type Dependency, allLanguages, capability, printData} from '@aigogo/sdk'
import {basename, dirname, resolve} from 'node:path'

import {FORMATS, normalizeFormat, renderFormat} from '../show-deps/formats.js'

export interface ShowDepsResult {
  name: string
  version: string
  language: string
  runtime: Dependency[]
  dev: Dependency[]
  format: string
  /** The rendered text, as printed without --json. */
  output: string
}

export default class ShowDeps extends AigogoCommand {
  // Not oclif `options`: parseFormat takes any case and answers UNSUPPORTED_FORMAT itself.
  static override completion = {flags: {format: [...FORMATS, 'pep621', 'pip', 'package-json']}}
  static override summary = "Show a package's declared dependencies, or render them for pip, Poetry, npm, yarn or pnpm."
  static override args = {
    path: Args.string({default: '.', description: 'package directory, or its aigogo.json'}),
  }

  static override flags = {
    format: Flags.string({default: 'text', description: `output format: ${FORMATS.join(', ')} (aliases pep621, pip, package-json), or one a language plugin adds`}),
  }

  static override examples = [
    '<%= config.bin %> show-deps .',
    '<%= config.bin %> show-deps vendor/my-snippet --format pyproject',
    '<%= config.bin %> show-deps . --format requirements > requirements.txt',
    '<%= config.bin %> show-deps ../my-utils --format npm --json',
  ]

  async run(): Promise<ShowDepsResult> {
    const {args, flags} = await this.parse(ShowDeps)
    const format = normalizeFormat(flags.format)
    const target = resolve(args.path)
    const dir = basename(target) === 'aigogo.json' ? dirname(target) : target
    // aigogo.json belongs to the store plugin: ask for it through the capability.
    const {manifest} = await (await capability(this.config, 'manifest')).load(dir)
    // Formats belong to languages: every provided one is asked (text needs none of them).
    const languages = format === 'text' ? [] : await allLanguages(this.config)
    const output = renderFormat(manifest, format, languages.find((l) => l.name === manifest.language.name), languages)
    if (!this.json) printData(output)
    return {
      dev: manifest.dependencies?.dev ?? [],
      format,
      language: manifest.language.name,
      name: manifest.name,
      output,
      runtime: manifest.dependencies?.runtime ?? [],
      version: manifest.version,
    }
  }
}
