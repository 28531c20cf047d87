/** The output formats of show-deps, their aliases, and which language each one is for. */
import {usageError} from '@aigogo/sdk/core'

export const FORMATS = ['text', 'pyproject', 'poetry', 'requirements', 'npm', 'yarn', 'pnpm'] as const
export type Format = (typeof FORMATS)[number]

const ALIASES: Record<string, Format> = {'package-json': 'npm', pep621: 'pyproject', pip: 'requirements'}

const LANGUAGE: Partial<Record<Format, 'python' | 'javascript'>> = {
  npm: 'javascript',
  pnpm: 'javascript',
  poetry: 'python',
  pyproject: 'python',
  requirements: 'python',
  yarn: 'javascript',
}

export function parseFormat(value: string): Format {
  const lower = value.toLowerCase()
  const format = ALIASES[lower] ?? ((FORMATS as readonly string[]).includes(lower) ? (lower as Format) : undefined)
  if (!format) {
    throw usageError('UNSUPPORTED_FORMAT', `unsupported format: ${value}`, [
      `use one of: ${FORMATS.join(', ')} (aliases: pep621, pip, package-json)`,
    ])
  }
  return format
}

export function checkFormatLanguage(format: Format, language: string): void {
  const wanted = LANGUAGE[format]
  if (wanted && wanted !== language) {
    throw usageError('FORMAT_LANGUAGE_MISMATCH', `the ${format} format is for ${wanted === 'python' ? 'Python' : 'JavaScript/TypeScript'} packages; this package is ${language}`, [
      wanted === 'python' ? 'for a JavaScript package use --format npm, yarn or pnpm' : 'for a Python package use --format pyproject, poetry or requirements',
      'or use --format text, which works for every language',
    ])
  }
}
