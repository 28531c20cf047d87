/**
 * A version constraint to suggest for a package: compatible with the installed version when
 * there is one (>=X.Y.Z,<X+1 for Python, ^X.Y.Z for npm), otherwise "*" — a made-up range
 * such as upstream's ">=1.0.0,<2.0.0" would be wrong for most packages.
 */
export function suggestVersion(language: string, installed: string | undefined): string {
  if (!installed) return '*'
  if (language === 'javascript') return `^${installed}`
  const match = /^(\d+)(?:\.(\d+))?/.exec(installed)
  if (!match) return `>=${installed}`
  const major = Number(match[1])
  const minor = Number(match[2] ?? 0)
  // 0.x releases break on the minor version, by semver convention.
  const upper = major === 0 ? `0.${minor + 1}` : `${major + 1}`
  return `>=${installed},<${upper}`
}
