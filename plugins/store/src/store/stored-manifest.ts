/**
 * Manifests inside the store are read leniently: their bytes are already covered by the
 * integrity hash, and packages built by other tools may carry fields our loader would refuse
 * (a version such as "1.0"). They must still be a JSON object.
 */
import {type PackageManifest, dataError, parseJsonText} from '@aigogo/sdk/core'

export function parseStoredManifest(bytes: Uint8Array, origin: string): PackageManifest {
  const raw = parseJsonText(Buffer.from(bytes).toString('utf8'), origin, {code: 'MANIFEST_MALFORMED', what: `package manifest ${origin}`})
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw dataError('MANIFEST_INVALID', `${origin}: the package manifest must hold a JSON object`, ['rebuild the package with: aigogo build'], {file: origin})
  }
  const manifest = raw as Partial<PackageManifest>
  return {files: {include: 'auto'}, language: {name: 'python', version: ''}, name: '', version: 'unknown', ...manifest} as PackageManifest
}
