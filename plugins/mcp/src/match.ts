/** Word matching for search: every word of the query must appear in the package's text. */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)
}

/** 0 = no match; higher = better (a word in the name counts more than one in the summary). */
export function matchScore(words: readonly string[], fields: {name?: string; repository?: string; summary?: string; capabilities?: readonly string[]}): number {
  if (words.length === 0) return 1
  const name = `${fields.name ?? ''} ${fields.repository ?? ''}`.toLowerCase()
  const rest = `${fields.summary ?? ''} ${(fields.capabilities ?? []).join(' ')}`.toLowerCase()
  let score = 0
  for (const word of words) {
    if (name.includes(word)) score += 3
    else if (rest.includes(word)) score += 1
    else return 0
  }
  return score
}
