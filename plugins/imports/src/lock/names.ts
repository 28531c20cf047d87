/**
 * Package names as they appear in aigogo.lock and in import statements, byte-compatible with
 * the upstream Go tool (lockfile.NormalizeName / GetPackageName).
 */

/** A Python identifier for a package name: my-utils -> my_utils, 123pkg -> _123pkg. */
export function normalizeName(name: string): string {
  let out = name.replace(/[-.]/g, '_')
  // Upstream tests the first byte before the final replacement, so "@pkg" becomes "__pkg".
  if (out !== '' && !/^[A-Za-z_]/.test(out)) out = `_${out}`
  return out.replace(/[^A-Za-z0-9_]/g, '_')
}

/** The package name a reference points at: the last path segment without its tag or digest. */
export function packageNameFromRef(ref: string): string {
  const last = ref.slice(ref.lastIndexOf('/') + 1)
  const withoutDigest = last.split('@')[0] ?? last
  const colon = withoutDigest.indexOf(':')
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon)
}

/**
 * The name under @aigogo/ for a JavaScript package: a valid npm package name (lower-case, no
 * leading "." or "_", only URL-safe characters). A name that already is one is kept, so every
 * name our own build accepts maps to itself, as upstream's verbatim key does; names the upstream
 * tool builds from a directory name (`pkgA`, `My_Utils`) become `pkga`, `my_utils`.
 */
export function npmImportName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9._~-]/g, '-').replace(/^[._]+/, '')
}

/**
 * The lock key of a package, which is also its import name: Python's upstream NormalizeName (an
 * identifier, case kept, so a lock reads the same in both tools), a valid npm name otherwise.
 */
export function lockKeyFor(name: string, language: string): string {
  return language === 'python' ? normalizeName(name) : npmImportName(name)
}
