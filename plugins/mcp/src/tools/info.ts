/**
 * info {ref}: what an agent needs to decide whether to use a package (the whole ai block,
 * language, dependencies, digest, and who signed it), from a local build or a registry's manifest
 * and config blob, never the package's files.
 */
import {capability, hasCapability, type PackageManifest} from '@aigogo/sdk/core'

import type {ServerContext} from '../context.js'

// A registry reference names its host ("host/repo:tag"); a local build is "name:tag".
const isLocalRef = (ref: string): boolean => !ref.includes('/')

function describe(manifest: PackageManifest): Record<string, unknown> {
  return {
    ai: manifest.ai ?? null,
    dependencies: manifest.dependencies ?? {},
    description: manifest.description ?? null,
    language: manifest.language,
    license: manifest.metadata?.license ?? null,
    name: manifest.name,
    version: manifest.version,
  }
}

export async function packageInfo(context: ServerContext, input: {ref: string; offline?: boolean}): Promise<Record<string, unknown>> {
  if (isLocalRef(input.ref)) {
    const build = await (await capability(context.plugins, 'local-builds')).resolve(input.ref)
    return {ref: build.ref, source: 'local', ...describe(build.manifest), files: build.files.length}
  }
  // Signatures are listed as `aigogo info` lists them: verified against the user's and this project's
  // trust policy. The provider is loaded only for a package that something refers to.
  const trust = hasCapability(context.plugins, 'package-trust') ? () => capability(context.plugins, 'package-trust') : undefined
  const info = await (await capability(context.plugins, 'package-catalog')).info(input.ref, {offline: input.offline === true, projectDir: context.project, ...(trust ? {trust} : {})})
  return {
    ...(info.offline ? {offline: true, ...(info.confirmedAt ? {confirmedAt: info.confirmedAt} : {})} : {}),
    digest: info.digest,
    format: info.format,
    ref: info.ref,
    size: info.size,
    source: 'registry',
    ...(info.signatures ? {signatures: info.signatures} : {}),
    ...(info.package
      ? describe(info.package)
      : {ai: null, note: 'a package in the upstream format keeps its aigogo.json inside the layer: add it to read its ai block'}),
  }
}
