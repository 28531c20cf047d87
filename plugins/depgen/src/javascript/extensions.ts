/** Kept apart from the scanner so that naming the extensions does not load the TypeScript compiler. */
export const JAVASCRIPT_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'] as const
