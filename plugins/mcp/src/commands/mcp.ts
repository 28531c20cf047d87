import {stat} from 'node:fs/promises'
import {resolve} from 'node:path'

import {Flags} from '@oclif/core'
import {AigogoCommand, say, usageError} from '@aigogo/sdk'

export default class Mcp extends AigogoCommand {
  static override summary = 'Serve aigogo to AI agents over the Model Context Protocol (stdio).'
  static override description = `Starts an MCP server on stdin/stdout with the tools search, info, add, install and list_installed, and one resource per package of the project's aigogo.lock. add and install work in the project directory only, with every rule of the CLI. Register it with your agent as the command "aigogo mcp" (see docs/AGENTS.md); it runs until the client closes stdin.`

  static override enableJsonFlag = false
  static override flags = {
    project: Flags.string({description: 'the project directory add and install work in (default: the current directory)'}),
  }

  static override examples = ['<%= config.bin %> mcp', '<%= config.bin %> mcp --project ~/code/my-agent']

  async run(): Promise<void> {
    const {flags} = await this.parse(Mcp)
    const project = resolve(flags.project ?? process.cwd())
    const isDir = await stat(project).then((s) => s.isDirectory(), () => false)
    if (!isDir) throw usageError('PROJECT_NOT_FOUND', `the project directory ${project} does not exist or is not a directory`, ['pass an existing directory: aigogo mcp --project <dir>'])
    // Loaded only here: the MCP SDK and zod cost nothing to the other commands.
    const {serve} = await import('../server.js')
    await serve({plugins: this.config, project, say}, this.config.version)
  }
}
