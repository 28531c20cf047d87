import {Args, Flags} from '@oclif/core'
import {AigogoCommand} from '@aigogo/sdk'

import type {BuildResult} from '../build/build.js'
import runBuild from '../runners/build.js'

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

  static override runner = './dist/runners/build.js'

  async run(): Promise<BuildResult> {
    return (await this.runWith(runBuild)) as BuildResult
  }
}
