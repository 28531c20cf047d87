/**
 * Which file `require('@aigogo/<name>')` loads, by the seed's rule: top-level files only,
 * index.js > index.mjs > index.cjs > the single file > the first alphabetically.
 */
const JS_EXTENSIONS = ['.js', '.mjs', '.cjs']

export function resolveJsEntryPoint(topLevelFiles: readonly string[]): string | undefined {
  const candidates = topLevelFiles.filter((f) => JS_EXTENSIONS.some((ext) => f.endsWith(ext))).sort()
  for (const preferred of ['index.js', 'index.mjs', 'index.cjs']) if (candidates.includes(preferred)) return preferred
  return candidates[0]
}

const TS_EXTENSIONS = ['.ts', '.mts', '.cts']
const isDeclaration = (f: string): boolean => /\.d\.[cm]?ts$/.test(f)

/**
 * For a package that ships TypeScript sources and no JavaScript: index.ts > index.mts >
 * index.cts > the first alphabetically (declaration files never), same top-level rule.
 */
export function resolveTsEntryPoint(topLevelFiles: readonly string[]): string | undefined {
  const candidates = topLevelFiles.filter((f) => TS_EXTENSIONS.some((ext) => f.endsWith(ext)) && !isDeclaration(f)).sort()
  for (const preferred of ['index.ts', 'index.mts', 'index.cts']) if (candidates.includes(preferred)) return preferred
  return candidates[0]
}

/** The declaration file shipped for an entry point: <entry base>.d.ts, else index.d.ts. */
export function resolveTypes(topLevelFiles: readonly string[], entry: string | undefined): string | undefined {
  const base = entry?.replace(/\.(c|m)?js$/, '')
  const wanted = [
    ...(base ? [`${base}.d.ts`, `${base}.d.mts`, `${base}.d.cts`] : []),
    'index.d.ts',
  ]
  return wanted.find((f) => topLevelFiles.includes(f))
}

/** The entry of a package.json the author shipped: exports (string or "." with import/default/require), else main. */
export function entryFromPackageJson(pjson: unknown, condition: 'import' | 'require'): string | undefined {
  if (typeof pjson !== 'object' || pjson === null) return undefined
  const {exports, main} = pjson as {exports?: unknown; main?: unknown}
  const pick = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
    const record = value as Record<string, unknown>
    if ('.' in record) return pick(record['.'])
    for (const key of [condition, 'node', 'default']) {
      const found = pick(record[key])
      if (found) return found
    }
    return undefined
  }
  return pick(exports) ?? (typeof main === 'string' ? main : undefined) ?? 'index.js'
}
