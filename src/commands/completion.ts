import {Args} from '@oclif/core'
import {AigogoCommand} from '@aigogo/sdk'

import {bashScript} from '../completion/bash.js'
import {fishScript} from '../completion/fish.js'
import {completionSpec} from '../completion/spec.js'
import {zshScript} from '../completion/zsh.js'

const RENDERERS = {bash: bashScript, fish: fishScript, zsh: zshScript}

export default class Completion extends AigogoCommand {
  static override summary = 'Print a shell completion script for bash, zsh or fish.'
  static override description = `Completes every command, including those of installed plugins, and their flags.

  bash:  echo 'source <(aigogo completion bash)' >> ~/.bashrc
  zsh:   aigogo completion zsh > ~/.zsh/completions/_aigogo   (a directory on $fpath)
  fish:  aigogo completion fish > ~/.config/fish/completions/aigogo.fish`

  static override args = {
    shell: Args.string({description: 'the shell', options: Object.keys(RENDERERS), required: true}),
  }

  static override examples = ['<%= config.bin %> completion bash', '<%= config.bin %> completion zsh']

  /** With --json: {"shell", "script"}, for tools that install the script themselves. */
  async run(): Promise<{shell: string; script: string}> {
    const {args} = await this.parse(Completion)
    const render = RENDERERS[args.shell as keyof typeof RENDERERS]
    const bins = [this.config.bin, ...(this.config.binAliases ?? [])]
    const script = render(await completionSpec(this.config), bins)
    if (!this.json) process.stdout.write(script)
    return {script, shell: args.shell}
  }
}
