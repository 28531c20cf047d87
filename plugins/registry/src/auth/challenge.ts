/**
 * WWW-Authenticate parsing: `Bearer realm="...",service="...",scope="..."` or `Basic realm="..."`.
 */
export interface Challenge {
  scheme: 'basic' | 'bearer'
  params: Record<string, string>
}

export function parseChallenge(value: string | undefined): Challenge | undefined {
  if (!value) return undefined
  const match = /^\s*(\w+)\s*(.*)$/s.exec(value)
  if (!match) return undefined
  const scheme = match[1]!.toLowerCase()
  if (scheme !== 'basic' && scheme !== 'bearer') return undefined
  const params: Record<string, string> = {}
  const pair = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?\s*/g
  for (const m of (match[2] ?? '').matchAll(pair)) params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '')
  return {params, scheme}
}
