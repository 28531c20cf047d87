/**
 * What the store knows of aigogo's own languages: the extensions `"include": "auto"` packages and
 * the "language.version" init writes. Offered as "language:<name>" capabilities (the modules next
 * to this one); the scanners, show-deps formats and wiring of python and javascript come from
 * depgen and imports through the same capability names.
 */
import type {LanguageSupport} from '@aigogo/sdk/core'

export const BUILTIN_LANGUAGES = {
  go: {defaultVersion: '>=1.21', extensions: ['.go']},
  javascript: {defaultVersion: '>=18', extensions: ['.js', '.ts', '.jsx', '.tsx', '.mjs', '.cjs']},
  python: {defaultVersion: '>=3.8,<4.0', extensions: ['.py']},
  rust: {defaultVersion: '>=1.70', extensions: ['.rs']},
} as const satisfies Record<string, {defaultVersion: string; extensions: readonly string[]}>

export type BuiltinLanguage = keyof typeof BUILTIN_LANGUAGES

export function builtinLanguage(name: BuiltinLanguage): LanguageSupport {
  return {name, ...BUILTIN_LANGUAGES[name]}
}
