/** `aigogo install`: recreate .aigogo/ from aigogo.lock (the no-op case usually ends in the fast path first). */
import {type CommandRunner, aigogoDirs, printData, say, warn} from '@aigogo/sdk/core'

import {type InstallOptions, upToDate} from '../install/up-to-date.js'
import {aigogoDirOf} from '../lock/find-lock.js'
import {renderInstall} from '../install/render.js'

const runInstall: CommandRunner = async (input, context) => {
  const {flags, json} = input
  // --python is the string as typed (no oclif parser, so the dispatcher passes the same value): an
  // interpreter that does not run is reported by the wiring, the same coded error on both paths.
  const options: InstallOptions = {
    ...(flags['break-system-packages'] === true ? {breakSystemPackages: true} : {}),
    cwd: process.cwd(),
    dirs: aigogoDirs(),
    force: flags.force === true,
    frozen: flags.frozen === true,
    json,
    ...(typeof flags.python === 'string' && flags.python ? {python: flags.python} : {}),
    say: json ? () => {} : say,
  }
  // The no-op path loads no other plugin than the store's check; the wiring code and the other
  // plugins' capabilities only when there is work to do.
  let result = await upToDate(options, () => context.capability('store'))
  if (!result) {
    const [{install}, {packageSources}] = await Promise.all([import('../install/install.js'), import('../install/sources.js')])
    result = await install(await packageSources(context.plugins), options)
  }
  if (flags['agent-skill'] === true) {
    const {syncAgentSkill} = await import('../install/agent-skill.js')
    result.agentSkill = await syncAgentSkill(result.projectDir, aigogoDirOf(result.projectDir))
  }
  if (!json) {
    printData(renderInstall(result))
    for (const w of result.warnings) warn(w)
  }
  return result
}

export default runInstall
