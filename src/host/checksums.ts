/**
 * checksums.txt in sha256sum format: "<64 hex>  <file name>" per line ("*" marks binary mode).
 * The bundle's digest must match its line before a single byte of it is unpacked.
 */
import {dataError} from '@aigogo/sdk'

/** `tag` names the release in errors. A file that names one asset twice is refused whole. */
export function parseChecksums(text: string, tag: string): Map<string, string> {
  const sums = new Map<string, string>()
  for (const line of text.split(/\r?\n/)) {
    const match = /^([0-9a-fA-F]{64})\s+\*?(.+?)\s*$/.exec(line)
    if (!match) continue
    const name = match[2]!.replace(/^\.\//, '')
    // Which line wins would be up to the parser: an attacker could append a second one.
    if (sums.has(name)) {
      throw dataError('PLUGIN_CHECKSUM_AMBIGUOUS', `checksums.txt of release ${tag} lists ${JSON.stringify(name).slice(0, 200)} more than once`, [
        'a checksum file must name each asset exactly once: nothing was installed',
        'tell the plugin maintainer to publish checksums.txt as sha256sum writes it',
      ], {asset: name, tag})
    }
    sums.set(name, match[1]!.toLowerCase())
  }
  return sums
}

export function verifyChecksum(sums: Map<string, string>, assetName: string, actual: string, tag: string): void {
  const expected = sums.get(assetName)
  if (!expected) {
    throw dataError('PLUGIN_CHECKSUM_MISSING', `checksums.txt of release ${tag} has no line for ${assetName}`, [
      `the plugin maintainer must publish checksums.txt with a sha256 line for ${assetName} (sha256sum format)`,
      'nothing was installed',
    ], {asset: assetName, tag})
  }
  if (expected !== actual) {
    throw dataError('PLUGIN_CHECKSUM_MISMATCH', `${assetName} of release ${tag} does not match its checksum: expected sha256 ${expected}, got ${actual}`, [
      'the download is corrupt or was tampered with: nothing was installed',
      'retry; if it persists, tell the plugin maintainer',
    ], {actual, asset: assetName, expected, tag})
  }
}
