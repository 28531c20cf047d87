import {Args} from '@oclif/core'
import {AigogoCommand, say} from '@aigogo/sdk'

import {removeFromAuthFile} from '../credentials/auth-file.js'
import {registryName} from '../login.js'

export default class Logout extends AigogoCommand {
  static override summary = "Forget the login for a registry (aigogo's auth.json only; Docker's logins are left alone)."
  static override args = {registry: Args.string({description: 'registry host[:port]', required: true})}

  async run(): Promise<{registry: string; removed: boolean}> {
    const {args} = await this.parse(Logout)
    const registry = registryName(args.registry)
    const removed = await removeFromAuthFile(registry)
    if (!this.json) say(removed ? `Logged out of ${registry}.` : `Not logged in to ${registry}; nothing to do.`)
    return {registry, removed}
  }
}
