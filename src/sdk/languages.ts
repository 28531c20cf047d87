/**
 * Languages are provided by plugins ("language:<name>" capabilities, see contracts/language.ts).
 * Their names come from package.json alone (no module import), so listing them is free; a
 * language's modules are imported only when that language is used.
 */
import type {LanguageScanner} from './contracts/dependencies.js'
import type {LanguageSupport, LanguageWiring} from './contracts/language.js'
import type {PackageManifest} from './contracts/manifest.js'

import {type PluginSet, declarationOf, importProvider, kernelRootOf, pluginsOf} from './capabilities.js'
import {type AigogoError, internalError, preconditionError} from './errors.js'
import {quoteUntrusted} from './names.js'

export const LANGUAGE_CAPABILITY_PREFIX = 'language:'
/** A language name: what aigogo.json's "language.name" may hold and a "language:<name>" key names. */
export const LANGUAGE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,31}$/
const EXTENSION_PATTERN = /^\.[A-Za-z0-9][A-Za-z0-9_+-]{0,15}$/

export type DependencyRenderer = (manifest: PackageManifest) => string

/** A language with the facets of all its providers merged (the first provider of each wins). */
export interface Language {
  name: string
  /** The plugins that provide a facet of it, in load order. */
  plugins: string[]
  extensions: readonly string[]
  defaultVersion?: string
  scan?: NonNullable<LanguageSupport['scan']>
  dependencyFormats: Readonly<Record<string, DependencyRenderer>>
  wiring?: LanguageWiring
  /** The plugin whose wiring is used. */
  wiringPlugin?: string
}

interface Declared {
  language: string
  plugin: string
  root: string
  path: string
}

function declared(set: PluginSet): Declared[] {
  const found: Declared[] = []
  for (const plugin of pluginsOf(set)) {
    const declaration = declarationOf(plugin.pjson)
    for (const [key, path] of Object.entries(declaration.capabilities ?? {})) {
      if (!key.startsWith(LANGUAGE_CAPABILITY_PREFIX) || typeof path !== 'string') continue
      const language = key.slice(LANGUAGE_CAPABILITY_PREFIX.length)
      // A key that is not a language name is not a language this host can offer: left out.
      if (!LANGUAGE_NAME_PATTERN.test(language)) continue
      found.push({language, path, plugin: declaration.name ?? plugin.name, root: plugin.root})
    }
  }
  return found
}

/** The names of every provided language, sorted; imports nothing. */
export function languageNames(set: PluginSet): string[] {
  return [...new Set(declared(set).map((d) => d.language))].sort()
}

function broken(d: Declared, problem: string): AigogoError {
  return internalError('CAPABILITY_BROKEN', `plugin ${d.plugin}'s "language:${d.language}" module ${problem}`, [
    `report this to the plugin's author; the module is ${d.path} under ${d.root}`,
    `reinstall the plugin: aigogo plugins update ${d.plugin}`,
  ])
}

function checked(d: Declared, value: unknown): LanguageSupport {
  const support = value as LanguageSupport
  if (typeof support !== 'object' || support === null) throw broken(d, 'does not export an object')
  if (support.name !== d.language) throw broken(d, `exports the language ${quoteUntrusted(String(support.name))}, not "${d.language}"`)
  if (support.extensions !== undefined && !(Array.isArray(support.extensions) && support.extensions.every((e) => typeof e === 'string' && EXTENSION_PATTERN.test(e)))) {
    throw broken(d, 'has "extensions" that are not a list of ".ext" strings')
  }
  if (support.scan !== undefined && typeof support.scan !== 'function') throw broken(d, 'has a "scan" that is not a function')
  if (support.wiring !== undefined && typeof support.wiring?.install !== 'function') throw broken(d, 'has a "wiring" without an install function')
  return support
}

function merge(name: string, parts: ReadonlyArray<{plugin: string; support: LanguageSupport}>): Language {
  const language: Language = {dependencyFormats: {}, extensions: [], name, plugins: parts.map((p) => p.plugin)}
  const formats: Record<string, DependencyRenderer> = {}
  for (const {plugin, support} of parts) {
    if (language.extensions.length === 0 && support.extensions) language.extensions = support.extensions
    language.defaultVersion ??= support.defaultVersion
    if (!language.scan && support.scan) language.scan = support.scan.bind(support)
    if (!language.wiring && support.wiring) {
      language.wiring = support.wiring
      language.wiringPlugin = plugin
    }
    for (const [format, render] of Object.entries(support.dependencyFormats ?? {})) {
      if (!(format in formats) && typeof render === 'function') formats[format] = render
    }
  }
  language.dependencyFormats = formats
  return language
}

/** The language with every provider's facets, or undefined when no plugin provides it. */
export async function findLanguage(set: PluginSet, name: string): Promise<Language | undefined> {
  const providers = declared(set).filter((d) => d.language === name)
  if (providers.length === 0) return undefined
  const kernelRoot = kernelRootOf(set)
  // Imported side by side (each is a file read the loader waits for); a failure is reported in load order.
  const imported = await Promise.allSettled(providers.map((d) => importProvider(d.root, d.path, `language:${d.language}`, d.plugin, kernelRoot)))
  const parts = providers.map((d, i) => {
    const result = imported[i] as PromiseSettledResult<unknown>
    if (result.status === 'rejected') throw result.reason
    return {plugin: d.plugin, support: checked(d, result.value)}
  })
  return merge(name, parts)
}

/** Every provided language (imports every language module: for the commands that need all of them). */
export async function allLanguages(set: PluginSet): Promise<Language[]> {
  const languages: Language[] = []
  for (const name of languageNames(set)) languages.push((await findLanguage(set, name)) as Language)
  return languages
}

/** The coded error for a language no loaded plugin provides: names the installed ones, hints at plugins. */
export function languageUnsupported(name: string, installed: readonly string[], origin?: string): AigogoError {
  const shown = quoteUntrusted(name, 40)
  const key = LANGUAGE_NAME_PATTERN.test(name) ? `"language:${name}"` : 'a "language:<name>"'
  return preconditionError('LANGUAGE_UNSUPPORTED', `${origin ? `${origin}: ` : ''}no loaded plugin provides the language ${shown}`, [
    `installed languages: ${installed.length > 0 ? installed.join(', ') : 'none'}`,
    `a plugin adds a language with the ${key} capability: install it (aigogo plugins install <plugin>) or link yours (aigogo plugins link <dir>)`,
    'see which plugins are loaded: aigogo plugins list',
  ], {installed: [...installed], language: name})
}

/** The language, or LANGUAGE_UNSUPPORTED naming the installed ones. */
export async function languageSupport(set: PluginSet, name: string, origin?: string): Promise<Language> {
  const language = await findLanguage(set, name)
  if (!language) throw languageUnsupported(name, languageNames(set), origin)
  return language
}

/**
 * The language's extensions (what "include": "auto" packages): its providers imported one by one in
 * load order, stopping at the first that declares some, as `languageSupport` merges them. A build
 * that does not validate needs nothing else: the other providers' modules (a scanner, a wiring)
 * are not loaded (for Python, 2 of 3 modules, ~85 KB, 10-30 ms).
 */
export async function languageExtensions(set: PluginSet, name: string, origin?: string): Promise<readonly string[]> {
  const providers = declared(set).filter((d) => d.language === name)
  if (providers.length === 0) throw languageUnsupported(name, languageNames(set), origin)
  const kernelRoot = kernelRootOf(set)
  for (const d of providers) {
    const support = checked(d, await importProvider(d.root, d.path, `language:${d.language}`, d.plugin, kernelRoot))
    if (support.extensions && support.extensions.length > 0) return support.extensions
  }
  return []
}

/**
 * Every language that scans imports (or only those named), as the `LanguageScanner`s the
 * dependency validator takes.
 */
export async function languageScanners(set: PluginSet, names?: readonly string[]): Promise<LanguageScanner[]> {
  const languages = names ? (await Promise.all(names.map((name) => findLanguage(set, name)))).filter((l) => l !== undefined) : await allLanguages(set)
  return languages
    .filter((l): l is Language & {scan: NonNullable<Language['scan']>} => l.scan !== undefined)
    .map((l) => ({extensions: l.extensions, languages: [l.name], scan: ({dir, files, packageName}) => l.scan({dir, files, packageName})}))
}
