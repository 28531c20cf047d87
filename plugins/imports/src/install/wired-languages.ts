/**
 * Which plugin wires each language of the locked packages: the "wiring" facet of the language's
 * "language:<name>" providers. Asked before anything is fetched or written.
 */
import {type Language, type LanguageWiring, languageUnsupported, preconditionError} from '@aigogo/sdk/core'

/** The languages as the loaded plugins provide them (commands pass `findLanguage` over their config). */
export interface Languages {
  names: readonly string[]
  find(name: string): Promise<Language | undefined>
}

export type WiredLanguage = Language & {wiring: LanguageWiring}

export async function wiredLanguage(languages: Languages, language: string, packageKey: string): Promise<WiredLanguage> {
  const found = await languages.find(language)
  if (!found) throw languageUnsupported(language, languages.names, `package "${packageKey}"`)
  if (!found.wiring) {
    throw preconditionError('UNSUPPORTED_LANGUAGE', `package "${packageKey}" is ${language}; no loaded plugin wires ${language} packages into a project`, [
      `${language} is provided by ${found.plugins.join(', ')}, without a wiring hook`,
      `a plugin adds one with "wiring" in its "language:${language}" capability (docs/PLUGINS.md, "Languages")`,
      `or remove "${packageKey}" from aigogo.lock and use its files directly from the store`,
    ], {language, package: packageKey})
  }
  return found as WiredLanguage
}

/** The wiring of every language among the entries, keyed by language name. */
export async function wiredLanguages(languages: Languages, entries: Record<string, {language: string}>): Promise<Map<string, WiredLanguage>> {
  const wired = new Map<string, WiredLanguage>()
  for (const key of Object.keys(entries).sort()) {
    const language = (entries[key] as {language: string}).language.toLowerCase()
    if (!wired.has(language)) wired.set(language, await wiredLanguage(languages, language, key))
  }
  return wired
}
