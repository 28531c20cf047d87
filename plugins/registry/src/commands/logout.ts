import {Args} from '@oclif/core'
import {AigogoCommand, say} from '@aigogo/sdk'

import {forgetLogin} from '../credentials/login-store.js'
import {registryName} from '../login.js'

export default class Logout extends AigogoCommand {
  static override summary = "Forget the login for a registry: in aigogo's auth.json, and in Docker's credential helper for it when config.json names one."
  static override description = "As docker logout does, a login kept by a credential helper is erased there (so Docker forgets it too); plaintext auths in Docker's config.json are left alone."
  static override args = {registry: Args.string({description: 'registry host[:port]', required: true})}

  async run(): Promise<{registry: string; removed: boolean; removedFrom: string[]}> {
    const {args} = await this.parse(Logout)
    const registry = registryName(args.registry)
    const removedFrom = await forgetLogin(registry)
    if (!this.json) say(removedFrom.length > 0 ? `Logged out of ${registry} (removed from ${removedFrom.join(' and ')}).` : `Not logged in to ${registry}; nothing to do.`)
    return {registry, removed: removedFrom.length > 0, removedFrom}
  }
}
