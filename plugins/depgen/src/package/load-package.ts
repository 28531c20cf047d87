/**
 * Everything scan and validate need, through capabilities: the manifest (store's `manifest`),
 * the package's files (store's `package-files`) and every `language-scanner` provider, so a
 * third-party language plugin is used exactly like depgen's own scanner.
 */
import {type LanguageScanner, type PackageManifest, type PluginSet, capability, capabilityProviders, preconditionError} from '@aigogo/sdk/core'
import {resolve} from 'node:path'

import {scannersFor} from '../validate/validate.js'

export interface LoadedPackage {
  dir: string
  manifest: PackageManifest
  files: string[]
  scanners: LanguageScanner[]
}

export async function languageScanners(config: PluginSet): Promise<LanguageScanner[]> {
  return (await capabilityProviders(config, 'language-scanner')).map((p) => p.implementation)
}

export async function loadPackage(config: PluginSet, start: string): Promise<LoadedPackage> {
  const manifests = await capability(config, 'manifest')
  const found = await manifests.find(resolve(start))
  if (!found) {
    throw preconditionError('MANIFEST_NOT_FOUND', `no aigogo.json in ${resolve(start)} or any parent directory`, [
      'create one: aigogo init',
      'or pass the package directory as an argument',
    ])
  }
  const {dir, manifest} = await manifests.load(found)
  const files = await (await capability(config, 'package-files')).discover(dir, manifest)
  const scanners = await languageScanners(config)
  if (scannersFor(manifest.language.name, scanners).length === 0) {
    throw preconditionError('NO_LANGUAGE_SCANNER', `no loaded plugin scans ${manifest.language.name} imports`, [
      'depgen scans python and javascript; install a plugin that provides a "language-scanner" for this language',
      'see which plugins are loaded: aigogo plugins list',
    ], {language: manifest.language.name})
  }
  return {dir, files, manifest, scanners}
}
