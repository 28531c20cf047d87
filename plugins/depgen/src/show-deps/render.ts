/** One entry point: a manifest and a format to the text show-deps prints. */
import type {PackageManifest} from '@aigogo/sdk/core'

import {type Format, checkFormatLanguage} from './formats.js'
import {renderNpm, renderPnpm, renderYarn} from './render-node.js'
import {renderPoetry, renderPyproject, renderRequirements} from './render-python.js'
import {renderText} from './render-text.js'

const RENDERERS: Record<Format, (manifest: PackageManifest) => string> = {
  npm: renderNpm,
  pnpm: renderPnpm,
  poetry: renderPoetry,
  pyproject: renderPyproject,
  requirements: renderRequirements,
  text: renderText,
  yarn: renderYarn,
}

export function renderDependencies(manifest: PackageManifest, format: Format): string {
  checkFormatLanguage(format, manifest.language.name)
  return RENDERERS[format](manifest)
}
