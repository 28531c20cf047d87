import {Flags} from '@oclif/core'
import {AigogoCommand} from '@aigogo/sdk'

import type {InstallResult} from '../install/up-to-date.js'
import runInstall from '../runners/install.js'

export default class Install extends AigogoCommand {
  static override summary = 'Install the packages of aigogo.lock into .aigogo/ (Python and Node.js imports).'
  static override description = `Recreates .aigogo/ from aigogo.lock alone: packages missing from the store are fetched from the source the lock records and must match its integrity; every stored package is checked against the store index (a file whose size, mtime, ctime or inode changed is re-hashed). A modified store copy is fetched again from its source; when it cannot be, install fails with STORE_TAMPERED and unlinks that package from .aigogo/. The result replaces .aigogo/ in one rename. When nothing changed since the last install (the store check included) it does nothing.`

  static override flags = {
    'agent-skill': Flags.boolean({description: 'also write the skill "aigogo-packages", which points coding agents at .aigogo/AGENTS.md, into the project\'s .claude/, .codex/, .gemini/ and .opencode/ folders (those that exist; .claude/ when none does)'}),
    'break-system-packages': Flags.boolean({description: 'put the .pth into an externally managed (PEP 668) Python too, as pip --break-system-packages; without it install refuses (EXTERNALLY_MANAGED)'}),
    force: Flags.boolean({description: 'rebuild, and re-hash every stored package in full, even when nothing changed'}),
    frozen: Flags.boolean({description: "fail if a source no longer resolves to the locked content (a rebuilt local build, a moved tag); nothing is changed then"}),
    python: Flags.string({description: 'the Python interpreter whose site-packages gets the .pth file (default: VIRTUAL_ENV, ./.venv, ./venv, uv, Poetry, python3)'}),
  }

  static override examples = ['<%= config.bin %> install', '<%= config.bin %> install --python .venv/bin/python', '<%= config.bin %> install --frozen --json', '<%= config.bin %> install --agent-skill']

  static override runner = './dist/runners/install.js'

  async run(): Promise<InstallResult> {
    return (await this.runWith(runInstall)) as InstallResult
  }
}
