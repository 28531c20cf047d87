/** `aigogo info <ref>`: a registry package's manifest digest, format, size and aigogo.json. */
import {type CommandRunner, printData} from '@aigogo/sdk/core'

import {packageInfo} from '../inspect.js'
import {createSession} from '../session.js'

const runInfo: CommandRunner = async (input) => {
  const session = createSession()
  try {
    const info = await packageInfo(session, String(input.args.ref))
    if (!input.json) {
      const p = info.package
      const lines = [`Reference: ${info.ref}`, `Digest:    ${info.digest}`, `Format:    ${info.format} (${info.mediaType})`, `Size:      ${info.size} bytes`]
      if (p) {
        lines.push(`Package:   ${p.name} ${p.version} (${p.language?.name ?? 'unknown language'})`)
        if (p.ai?.summary ?? p.description) lines.push(`Summary:   ${p.ai?.summary ?? p.description}`)
      } else lines.push('Package:   (upstream format: aigogo.json is inside the layer; pull to read it)')
      printData(lines.join('\n'))
    }
    return info
  } finally {
    await session.close()
  }
}

export default runInfo
