import {Args} from '@oclif/core'
import {AigogoCommand, printData} from '@aigogo/sdk'

import {formatReference, parseRepository} from '../reference.js'
import {Repository} from '../repository.js'
import {createSession} from '../session.js'

export default class Tags extends AigogoCommand {
  static override summary = 'List the tags of a repository.'
  static override args = {repository: Args.string({description: 'host/name, e.g. localhost:5000/team/my-utils', required: true})}

  async run(): Promise<{repository: string; tags: string[]}> {
    const {args} = await this.parse(Tags)
    const ref = parseRepository(args.repository)
    const session = createSession()
    try {
      const tags = await new Repository(session, ref).tags()
      if (!this.json) printData(tags.length > 0 ? tags.join('\n') : `(no tags in ${formatReference(ref).replace(/:latest$/, '')})`)
      return {repository: `${ref.registry}/${ref.repository}`, tags}
    } finally {
      await session.close()
    }
  }
}
