import {Flags} from '@oclif/core'
import {AigogoCommand, languageSupport, printData} from '@aigogo/sdk'

import {initPackage} from '../init/init.js'

export default class Init extends AigogoCommand {
  static override summary = 'Create aigogo.json in the current directory.'
  static override description = 'Refuses to replace an existing aigogo.json unless --force is given. The name defaults to the directory name. Description and licence are written only when given: push publishes them as OCI annotations.'
  static override flags = {
    description: Flags.string({description: 'one-line description (omitted from aigogo.json when not given)'}),
    force: Flags.boolean({description: 'replace an existing aigogo.json'}),
    language: Flags.string({default: 'python', description: 'package language: python, javascript, go, rust, or one a plugin provides'}),
    license: Flags.string({description: 'SPDX licence identifier, e.g. MIT (omitted from aigogo.json when not given)'}),
    name: Flags.string({description: 'package name (lower-case letters, digits, dashes)'}),
  }

  static override examples = ['<%= config.bin %> init', '<%= config.bin %> init --name my-utils --language javascript', '<%= config.bin %> init --description "String helpers" --license MIT']

  async run(): Promise<{path: string; name: string; version: string; language: string}> {
    const {flags} = await this.parse(Init)
    // The language's providers say whether it exists and which version constraint to start with.
    const language = await languageSupport(this.config, flags.language.toLowerCase())
    const {manifest, path} = await initPackage({cwd: process.cwd(), description: flags.description, force: flags.force, language, license: flags.license, name: flags.name})
    if (!this.json) {
      printData(
        [
          `✓ Initialized aigogo package ${manifest.name}`,
          `  Created ${path}`,
          '',
          'Next steps:',
          '  1. Add files: aigogo add file <path|glob>...',
          '  2. Add dependencies: aigogo add dep <package> <version>',
          '  3. Build: aigogo build',
        ].join('\n'),
      )
    }
    return {language: manifest.language.name, name: manifest.name, path, version: manifest.version}
  }
}
