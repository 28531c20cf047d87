/** Kept apart from the scanner so that routing files by extension loads no lexer. */
export const JAVASCRIPT_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'] as const
