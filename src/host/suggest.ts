/** "Did you mean": the closest known names to a mistyped one. */

function distance(a: string, b: string): number {
  const previous = Array.from({length: b.length + 1}, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!
    previous[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return previous[b.length]!
}

/** Up to `limit` candidates within a typo's reach of `input`, closest first. */
export function closest(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const reach = Math.max(2, Math.floor(input.length / 3))
  return [...new Set(candidates)]
    .map((c) => ({c, d: c.startsWith(input) && input.length >= 2 ? 0.5 : distance(input, c)}))
    .filter(({d}) => d <= reach)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, limit)
    .map(({c}) => c)
}
