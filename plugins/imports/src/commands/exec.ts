import {AigogoCommand, aigogoDirs, say, usageError} from '@aigogo/sdk'

import {execPackage} from '../exec/exec.js'
import {packageSources} from '../install/sources.js'

export default class Exec extends AigogoCommand {
  static override summary = "Run a locked package's script with its runtime dependencies."
  static override description = `Everything after the package name goes to the script untouched, --help and -h included: "aigogo exec my-agent --help" shows the script's help ("aigogo exec --help" shows this one). A "--" right after the package name is dropped, so "aigogo exec my-agent -- --x" passes "--x"; to give the script a "--" of its own, write two. Dependencies are installed once per package into AIGOGO_HOME/envs/<hash>/ (uv or python -m venv + pip for Python, npm for Node.js). stdin/stdout, signals and the exit code pass through.

<package>:<script> runs a script other than the one named like the package.`

  // Arguments are the script's, not ours: no flag parsing at all, and the kernel keeps oclif's
  // help away from them (src/host/pass-through.ts puts a `--` after the package name).
  static override strict = false
  static passThroughArgs = true
  static override enableJsonFlag = false
  static override usage = ['exec <package>[:<script>] [args...]']
  static override examples = ['<%= config.bin %> exec my-agent --input data.txt', '<%= config.bin %> exec my-agent --help', '<%= config.bin %> exec my-agent:report -- --verbose']

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
