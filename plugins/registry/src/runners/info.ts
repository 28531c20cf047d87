/**
 * `aigogo info <ref>`: a registry package's manifest digest, format, size, aigogo.json and
 * signatures; with --offline, what its last info on this machine kept. Both
 * ways load on demand, so --offline loads no HTTP client.
 */
import {type CommandRunner, hasCapability, printData, quoteUntrusted, type RunnerContext} from '@aigogo/sdk/core'

import type {PackageInfo} from '../package-info.js'

/** Key ids come out of bundles in the registry: anything but a plain digest is shown quoted. */
const shown = (value: string): string => (/^sha256:[a-f0-9]{64}$/.test(value) ? value : quoteUntrusted(value))

function signatureLines(info: PackageInfo): string[] {
  if (info.offline) return ['Signatures: not listed offline (they are in the registry)']
  if (!info.signatures) return []
  if (info.signatures.length === 0) return ['Signatures: none']
  return ['Signatures:', ...info.signatures.map((s) => `  ${shown(s.keyId)}  ${s.verified ? 'verified (trusted key)' : 'not verified (no trusted key for it)'}  ${shown(s.referrer)}`)]
}

/**
 * The registry's answer, through this plugin's own 'package-catalog' capability (as MCP asks
 * it): a twin of its own, loaded only online, so --offline compiles none of the HTTP path.
 */
async function askRegistry(ref: string, context: RunnerContext): Promise<PackageInfo> {
  const {projectDirFor} = await import('../project-policy.js')
  const catalog = await context.capability('package-catalog')
  // The trust provider (a module to load) is loaded only when the package has referrers (packageInfo).
  const trust = hasCapability(context.plugins, 'package-trust') ? () => context.capability('package-trust') : undefined
  return (await catalog.info(ref, {projectDir: projectDirFor(process.cwd()), ...(trust ? {trust} : {})})) as PackageInfo
}

const runInfo: CommandRunner = async (input, context) => {
  const ref = String(input.args.ref)
  const info = input.flags.offline === true ? await (await import('../kept-info.js')).keptPackageInfo(ref) : await askRegistry(ref, context)
  if (!input.json) {
    const p = info.package
    const lines = [`Reference: ${info.ref}`, `Digest:    ${info.digest}`]
    if (info.confirmedAt) lines.push(`As of:     ${info.confirmedAt} (when the registry last named this digest for the tag; --offline)`)
    lines.push(`Format:    ${info.format} (${info.mediaType})`, `Size:      ${info.size} bytes`)
    if (p) {
      lines.push(`Package:   ${p.name} ${p.version} (${p.language?.name ?? 'unknown language'})`)
      if (p.ai?.summary ?? p.description) lines.push(`Summary:   ${p.ai?.summary ?? p.description}`)
    } else lines.push('Package:   (upstream format: aigogo.json is inside the layer; pull to read it)')
    lines.push(...signatureLines(info))
    printData(lines.join('\n'))
  }
  return info
}

export default runInfo
