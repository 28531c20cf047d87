/** `aigogo info <ref>`: a registry package's manifest digest, format, size, aigogo.json and signatures. */
import {type CommandRunner, hasCapability, printData, quoteUntrusted} from '@aigogo/sdk/core'

import {packageInfo, type PackageInfo} from '../inspect.js'
import {projectDirFor} from '../project-policy.js'
import {createSession} from '../session.js'

/** Key ids come out of bundles in the registry: anything but a plain digest is shown quoted. */
const shown = (value: string): string => (/^sha256:[a-f0-9]{64}$/.test(value) ? value : quoteUntrusted(value))

function signatureLines(info: PackageInfo): string[] {
  if (!info.signatures) return []
  if (info.signatures.length === 0) return ['Signatures: none']
  return ['Signatures:', ...info.signatures.map((s) => `  ${shown(s.keyId)}  ${s.verified ? 'verified (trusted key)' : 'not verified (no trusted key for it)'}  ${shown(s.referrer)}`)]
}

const runInfo: CommandRunner = async (input, context) => {
  const session = createSession()
  // The trust provider (a module to load) is loaded only when the package has referrers (packageInfo).
  const trust = hasCapability(context.plugins, 'package-trust') ? () => context.capability('package-trust') : undefined
  try {
    const info = await packageInfo(session, String(input.args.ref), {projectDir: projectDirFor(process.cwd()), trust})
    if (!input.json) {
      const p = info.package
      const lines = [`Reference: ${info.ref}`, `Digest:    ${info.digest}`, `Format:    ${info.format} (${info.mediaType})`, `Size:      ${info.size} bytes`]
      if (p) {
        lines.push(`Package:   ${p.name} ${p.version} (${p.language?.name ?? 'unknown language'})`)
        if (p.ai?.summary ?? p.description) lines.push(`Summary:   ${p.ai?.summary ?? p.description}`)
      } else lines.push('Package:   (upstream format: aigogo.json is inside the layer; pull to read it)')
      lines.push(...signatureLines(info))
      printData(lines.join('\n'))
    }
    return info
  } finally {
    await session.close()
  }
}

export default runInfo
