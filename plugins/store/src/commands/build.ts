import {Args, Flags} from '@oclif/core'
import {AigogoCommand, capability, hasCapability, languageNames, languageScanners, languageSupport, printData, say, warn} from '@aigogo/sdk'

import {type BuildResult, buildPackage} from '../build/build.js'

export default class Build extends AigogoCommand {
  static override summary = 'Build the package into the local cache.'
  static override description =
    'Without a reference the patch version is incremented, the package carries the new version and aigogo.json is updated. Dependencies are checked when the depgen plugin is loaded.'

  static override args = {ref: Args.string({description: 'name:tag to build as (default: <name>:<version+1>)'})}
  static override flags = {
    force: Flags.boolean({description: 'replace an existing build of the same name:tag'}),
    'no-validate': Flags.boolean({description: 'skip the dependency check'}),
  }

  static override examples = ['<%= config.bin %> build', '<%= config.bin %> build my-utils:1.0.0 --force']

  async run(): Promise<BuildResult> {
    const {args, flags} = await this.parse(Build)
    const check = !flags['no-validate'] && hasCapability(this.config, 'dependency-validator')
    const result = await buildPackage({
      cwd: process.cwd(),
      force: flags.force,
      json: this.json,
      ref: args.ref,
      // Loaded only once the manifest and the files are known to be good.
      // Every provided language's scanner, so a plugin's language is checked like aigogo's own.
      validate: check
        ? async (input) => (await capability(this.config, 'dependency-validator')).validate({...input, scanners: await languageScanners(this.config, [input.manifest.language.name])})
        : undefined,
      languages: {extensions: async (name) => (await languageSupport(this.config, name)).extensions, names: languageNames(this.config)},
    })
    if (!this.json) {
      if (result.previousVersion) say(`Version ${result.previousVersion} -> ${result.version} (aigogo.json updated)`)
      if (!flags['no-validate'] && !check) say('Dependency check skipped: no plugin provides it (install depgen)')
      for (const name of result.unusedDependencies) warn(`${name} is declared but never imported`)
      printData(
        [
          `✓ Built ${result.ref} (${result.files.length} files)`,
          `  Integrity: ${result.integrity}`,
          `  Location: ${result.dir}`,
          '',
          'Next steps:',
          `  Use it in a project: aigogo add ${result.ref} && aigogo install`,
          `  Push it: aigogo push <registry>/<namespace>/${result.name}:${result.version} --from ${result.ref}`,
        ].join('\n'),
      )
    }
    return result
  }
}
