/**
 * A PEP 508 requirement split into name and the rest: `numpy<2.0,>=1.20` is numpy with
 * `<2.0,>=1.20` (upstream split at the first ">=" and got "numpy<2.0,"). Extras are dropped
 * (the distribution is the same), an environment marker is kept after "; " and a direct
 * reference stays "@ url", so writing `<name><version>` back gives a valid requirement.
 */
const NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*/

export function parseRequirement(text: string): {package: string; version: string} | undefined {
  const match = NAME.exec(text)
  if (!match) return undefined
  let rest = text.slice(match[0].length).trim()
  let marker = ''
  const semicolon = rest.indexOf(';')
  if (semicolon >= 0 && !rest.startsWith('@')) {
    marker = rest.slice(semicolon + 1).trim()
    rest = rest.slice(0, semicolon).trim()
  } else if (rest.startsWith('@')) {
    // "@ url ; marker": the marker needs a space before ";" after a URL.
    const split = rest.search(/\s;/)
    if (split >= 0) {
      marker = rest.slice(split).replace(/^\s*;/, '').trim()
      rest = rest.slice(0, split).trim()
    }
  }
  if (rest.startsWith('(') && rest.endsWith(')')) rest = rest.slice(1, -1).trim()
  // Whitespace inside a specifier means nothing (">= 2.28, < 3" is ">=2.28,<3"); a URL keeps "@ ".
  let version = rest.startsWith('@') ? rest : rest.replace(/\s+/g, '')
  if (version === '' && marker === '') version = '*'
  if (marker) version = `${version}${version.startsWith('@') ? ' ' : ''}; ${marker}`
  return {package: match[1] as string, version}
}
