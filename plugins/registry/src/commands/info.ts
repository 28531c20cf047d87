import {Args} from '@oclif/core'
import {AigogoCommand, printData} from '@aigogo/sdk'

import {packageInfo, type PackageInfo} from '../inspect.js'
import {createSession} from '../session.js'

export default class Info extends AigogoCommand {
  static override summary = "Show a registry package's manifest digest, format, size and aigogo.json without downloading it."
  static override args = {ref: Args.string({description: 'host/name:tag or host/name@sha256:...', required: true})}

  async run(): Promise<PackageInfo> {
    const {args} = await this.parse(Info)
    const session = createSession()
    try {
      const info = await packageInfo(session, args.ref)
      if (!this.json) {
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
}
