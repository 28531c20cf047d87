/**
 * Everything scan and validate need, through capabilities: the manifest (store's `manifest`),
 * the package's files (store's `package-files`, with the language's extensions) and the
 * scanners of the package's language (its "language:<name>" providers), so a third-party
 * language plugin is used exactly like depgen's own scanner.
 */
import {type LanguageScanner, type PackageManifest, type PluginSet, capability, languageNames, languageScanners, languageSupport, preconditionError} from '@aigogo/sdk/core'
import {resolve} from 'node:path'

export interface LoadedPackage {
  dir: string
  manifest: PackageManifest
  files: string[]
  scanners: LanguageScanner[]
}

export async function loadPackage(config: PluginSet, start: string): Promise<LoadedPackage> {
  // Both modules are needed; the second one's file is read while the first is used.
  const packageFiles = capability(config, 'package-files')
  packageFiles.catch(() => {}) // awaited below, or never when the manifest is not found
  const manifests = await capability(config, 'manifest')
  const found = await manifests.find(resolve(start))
  if (!found) {
    throw preconditionError('MANIFEST_NOT_FOUND', `no aigogo.json in ${resolve(start)} or any parent directory`, [
      'create one: aigogo init',
      'or pass the package directory as an argument',
    ])
  }
  const {dir, manifest} = await manifests.load(found, {languages: languageNames(config)})
  const language = await languageSupport(config, manifest.language.name)
  const files = await (await packageFiles).discover(dir, manifest, {extensions: language.extensions})
  const scanners = await languageScanners(config, [language.name])
  if (scanners.length === 0) {
    throw preconditionError('NO_LANGUAGE_SCANNER', `no loaded plugin scans ${language.name} imports`, [
      `the language is provided by ${language.plugins.join(', ')}, without an import scanner`,
      `a plugin adds one with a "scan" function in its "language:${language.name}" capability (docs/PLUGINS.md, "Languages")`,
      'see which plugins are loaded: aigogo plugins list',
    ], {language: language.name})
  }
  return {dir, files, manifest, scanners}
}
