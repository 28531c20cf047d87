/**
 * The output formats of show-deps. "text" works for every language; every other format belongs
 * to a language and comes from its "language:<name>" providers (depgen gives python pyproject,
 * poetry and requirements, javascript npm, yarn and pnpm; a plugin's language brings its own).
 */
import {type Language, type PackageManifest, usageError} from '@aigogo/sdk/core'

import {renderText} from './render-text.js'

/** The formats of aigogo's own languages, for the flag's help (the list is not closed). */
export const FORMATS = ['text', 'pyproject', 'poetry', 'requirements', 'npm', 'yarn', 'pnpm'] as const

const ALIASES: Record<string, string> = {'package-json': 'npm', pep621: 'pyproject', pip: 'requirements'}

export function normalizeFormat(value: string): string {
  const lower = value.toLowerCase()
  return ALIASES[lower] ?? lower
}

/**
 * The rendered dependencies. `language` is the package's (undefined when no plugin provides it),
 * `languages` every provided one, to tell a format of another language from an unknown format.
 */
export function renderFormat(manifest: PackageManifest, format: string, language: Language | undefined, languages: readonly Language[]): string {
  if (format === 'text') return renderText(manifest)
  const render = language?.dependencyFormats[format]
  if (render) return render(manifest)
  const own = Object.keys(language?.dependencyFormats ?? {})
  const owner = languages.find((l) => format in l.dependencyFormats)
  if (owner) {
    throw usageError('FORMAT_LANGUAGE_MISMATCH', `the ${format} format is for ${owner.name} packages; this package is ${manifest.language.name}`, [
      own.length > 0 ? `for a ${manifest.language.name} package use --format ${own.join(', ')}` : `no loaded plugin renders ${manifest.language.name} dependencies in a format of its own`,
      'or use --format text, which works for every language',
    ])
  }
  const all = ['text', ...new Set(languages.flatMap((l) => Object.keys(l.dependencyFormats)))]
  throw usageError('UNSUPPORTED_FORMAT', `unsupported format: ${format}`, [
    `use one of: ${all.join(', ')} (aliases: pep621, pip, package-json)`,
    'a language plugin may add formats for its packages ("dependencyFormats", docs/PLUGINS.md "Languages")',
  ])
}
