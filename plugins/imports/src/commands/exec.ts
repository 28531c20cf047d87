import {AigogoCommand, aigogoDirs, say, usageError} from '@aigogo/sdk'

import {execPackage} from '../exec/exec.js'
import {packageSources} from '../install/sources.js'

export default class Exec extends AigogoCommand {
  static override summary = "Run a locked package's script with its runtime dependencies."
  static override description = `Everything after the package name goes to the script untouched (use -- before arguments that look like aigogo's own --help). Dependencies are installed once per package into AIGOGO_HOME/envs/<hash>/ (uv or python -m venv + pip for Python, npm for Node.js). stdin/stdout, signals and the exit code pass through.

<package>:<script> runs a script other than the one named like the package.`

  // Arguments are the script's, not ours: no flag parsing at all.
  static override strict = false
  static override enableJsonFlag = false
  static override usage = ['exec <package>[:<script>] [args...]']
  static override examples = ['<%= config.bin %> exec my-agent --input data.txt', '<%= config.bin %> exec my-agent:report -- --help']

  async run(): Promise<void> {
    const [target, ...rest] = this.argv
    if (!target || target.startsWith('-')) {
      throw usageError('USAGE', 'aigogo exec needs a package name: aigogo exec <package>[:<script>] [args...]', [
        'the package must be in aigogo.lock and have a "scripts" field in its aigogo.json',
      ])
    }
    const args = rest[0] === '--' ? rest.slice(1) : rest
    const deps = await packageSources(this.config)
    const {code, signal} = await execPackage(deps, {args, cwd: process.cwd(), dirs: aigogoDirs(), env: process.env, say, target})
    if (signal) {
      // Die the way the script died, so callers see the same signal.
      process.kill(process.pid, signal)
      return
    }
    process.exitCode = code ?? 1
  }
}
