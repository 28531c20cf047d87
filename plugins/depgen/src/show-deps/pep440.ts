/**
 * aigogo.json versions are free text. For Python outputs they must become PEP 440 specifiers:
 * Poetry/npm-style caret and tilde ranges are expanded, a bare version means exactly it,
 * and "", "*" and "latest" mean no constraint.
 */
function bump(parts: number[], index: number): string {
  const next = parts.slice(0, index + 1)
  next[index] = (next[index] ?? 0) + 1
  return next.join('.')
}

function parts(version: string): number[] {
  return version.split('.').map((p) => Number.parseInt(p, 10)).filter((n) => !Number.isNaN(n))
}

export function toPep440(version: string): string {
  const v = version.trim()
  if (v === '' || v === '*' || v === 'latest') return ''
  if (v.startsWith('^')) {
    const base = v.slice(1).trim()
    const p = parts(base)
    const index = Math.max(0, p.findIndex((n) => n !== 0))
    return `>=${base},<${bump(p, p.every((n) => n === 0) ? p.length - 1 : index)}`
  }
  if (v.startsWith('~') && !v.startsWith('~=')) {
    const base = v.slice(1).trim()
    const p = parts(base)
    return `>=${base},<${bump(p, p.length >= 2 ? 1 : 0)}`
  }
  if (/^\d/.test(v)) return `==${v}`
  // Already a specifier (>=1,<2 / ~=1.4 / ==1.0), a marker-carrying one, or a direct URL (@ https://...).
  return v.replace(/(,)\s*/g, '$1')
}

/** A PEP 508 requirement line: name plus specifier, with a space before a URL reference. */
export function requirement(pkg: string, version: string): string {
  const spec = toPep440(version)
  return spec.startsWith('@') ? `${pkg} ${spec}` : `${pkg}${spec}`
}
