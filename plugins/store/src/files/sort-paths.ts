/** Byte order, as the integrity hash sorts paths. A module of its own so the store check loads no glob code. */
export function sortPaths(paths: string[]): string[] {
  return paths.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
}
