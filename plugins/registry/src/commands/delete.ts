import {Args, Flags} from '@oclif/core'
import {AigogoCommand, printData} from '@aigogo/sdk'

import {deleteAll, deleteRef, type DeleteResult} from '../delete.js'
import {createSession} from '../session.js'

export default class Delete extends AigogoCommand {
  static override summary = 'Delete a tag (its manifest, by digest) or, with --all, every tag of a repository.'
  static override args = {ref: Args.string({description: 'host/name:tag, host/name@sha256:..., or host/name with --all', required: true})}
  static override flags = {all: Flags.boolean({description: 'delete every tag of the repository'})}

  async run(): Promise<DeleteResult> {
    const {args, flags} = await this.parse(Delete)
    const session = createSession()
    try {
      const result = flags.all ? await deleteAll(session, args.ref) : await deleteRef(session, args.ref)
      if (!this.json) {
        const lines = result.deleted.map((d) => `Deleted ${result.repository}@${d.digest}${d.tags.length > 0 ? ` (${d.tags.join(', ')})` : ''}`)
        printData(lines.length > 0 ? lines.join('\n') : `${result.repository} has no tags; nothing deleted`)
      }
      return result
    } finally {
      await session.close()
    }
  }
}
