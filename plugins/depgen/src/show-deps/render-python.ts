/**
 * Python outputs of show-deps: pyproject.toml (PEP 621 optional-dependency groups "aigogo" and
 * "aigogo-dev"), Poetry groups, and requirements.txt. Strings are written as TOML basic strings
 * with proper escaping, and versions become PEP 440 specifiers (upstream concatenated them raw).
 */
import type {Dependency, PackageManifest} from '@aigogo/sdk/core'

import {pep440For, requirement} from './pep440.js'

/** A TOML basic string; JSON's escapes are all valid TOML escapes. */
const tomlString = (value: string): string => JSON.stringify(value)

/** Poetry keys are bare when they can be, quoted otherwise. */
const tomlKey = (key: string): string => (/^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key))

export function renderPyproject(manifest: PackageManifest): string {
  const lines = ['# Add these to your pyproject.toml', "# Install with: pip install -e '.[aigogo]' or pip install -e '.[aigogo,aigogo-dev]'", '']
  if (manifest.language.version) lines.push('[project]', `requires-python = ${tomlString(pep440For('language.version', manifest.language.version))}`, '')
  const runtime = manifest.dependencies?.runtime ?? []
  const dev = manifest.dependencies?.dev ?? []
  if (runtime.length > 0 || dev.length > 0) {
    lines.push('[project.optional-dependencies]')
    const group = (name: string, deps: Dependency[]): void => {
      if (deps.length === 0) return
      lines.push(`${name} = [`, ...deps.map((d) => `    ${tomlString(requirement(d.package, d.version))},`), ']')
    }
    group('aigogo', runtime)
    group('aigogo-dev', dev)
  }
  return lines.join('\n').trimEnd()
}

function poetryValue(dep: Dependency): string {
  const version = dep.version.trim() === '' ? '*' : dep.version
  return dep.optional ? `{version = ${tomlString(version)}, optional = true}` : tomlString(version)
}

export function renderPoetry(manifest: PackageManifest): string {
  const lines = ['# Add these to your pyproject.toml', '# Install with: poetry install --with aigogo or poetry install --with aigogo,aigogo-dev', '']
  if (manifest.language.version) lines.push('[tool.poetry.dependencies]', `python = ${tomlString(manifest.language.version)}`, '')
  const group = (name: string, deps: Dependency[]): void => {
    if (deps.length === 0) return
    lines.push(`[tool.poetry.group.${name}.dependencies]`, ...deps.map((d) => `${tomlKey(d.package)} = ${poetryValue(d)}`), '')
  }
  group('aigogo', manifest.dependencies?.runtime ?? [])
  group('aigogo-dev', manifest.dependencies?.dev ?? [])
  return lines.join('\n').trimEnd()
}

export function renderRequirements(manifest: PackageManifest): string {
  const runtime = manifest.dependencies?.runtime ?? []
  if (runtime.length === 0) return '# No runtime dependencies'
  return [
    '# aigogo-managed runtime dependencies',
    '# To remove: delete these entries and uninstall the packages',
    ...runtime.map((d) => requirement(d.package, d.version)),
  ].join('\n')
}
