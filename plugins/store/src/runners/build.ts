/** `aigogo build [ref]`: package the nearest aigogo.json's files into the local cache. */
import {type CommandRunner, capability, hasCapability, languageExtensions, languageNames, languageScanners, printData, say, warn} from '@aigogo/sdk/core'

import {buildPackage} from '../build/build.js'

const runBuild: CommandRunner = async (input, context) => {
  const plugins = context.plugins
  const skipCheck = input.flags['no-validate'] === true
  const check = !skipCheck && hasCapability(plugins, 'dependency-validator')
  const result = await buildPackage({
    cwd: process.cwd(),
    force: input.flags.force === true,
    json: input.json,
    ...(typeof input.args.ref === 'string' ? {ref: input.args.ref} : {}),
    // Loaded only once the manifest and the files are known to be good.
    // Every provided language's scanner, so a plugin's language is checked like aigogo's own.
    validate: check
      ? async (build) => (await capability(plugins, 'dependency-validator')).validate({...build, scanners: await languageScanners(plugins, [build.manifest.language.name])})
      : undefined,
    // Only the providers up to the first with extensions are imported (not the scanner's module).
    languages: {extensions: async (name) => languageExtensions(plugins, name), names: languageNames(plugins)},
  })
  if (!input.json) {
    if (result.previousVersion) say(`Version ${result.previousVersion} -> ${result.version} (aigogo.json updated)`)
    if (!skipCheck && !check) say('Dependency check skipped: no plugin provides it (install depgen)')
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

export default runBuild
