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

/** The lock key of a package: normalised for Python (it is an identifier there), verbatim otherwise. */
export function lockKeyFor(name: string, language: string): string {
  return language === 'python' ? normalizeName(name) : name
}
