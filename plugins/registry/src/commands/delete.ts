import {Args, Flags} from '@oclif/core'
import {AigogoCommand, confirmAction, printData, say} from '@aigogo/sdk'

import {type DeletePlan, planDeleteAll, planDeleteRef, type DeleteResult} from '../delete.js'
import {createSession} from '../session.js'

function warningFor(plan: DeletePlan): string {
  const lines = plan.manifests.map((m) => `  ${plan.repository}@${m.digest}${m.tags.length > 0 ? `  tags: ${m.tags.join(', ')}` : '  (untagged)'}`)
  const head = plan.alsoDeleted.length > 0
    ? `This also deletes ${plan.alsoDeleted.length === 1 ? 'tag' : 'tags'} ${plan.alsoDeleted.join(', ')} of ${plan.repository}: ${plan.alsoDeleted.length === 1 ? 'it points' : 'they point'} at the same manifest.`
    : `This deletes ${plan.manifests.length} manifest(s) of ${plan.repository}:`
  return [head, ...lines].join('\n')
}

export default class Delete extends AigogoCommand {
  static override summary = 'Delete a tag (its manifest, by digest) or, with --all, every tag of a repository.'
  static override description = 'A registry deletes manifests, not tags: every other tag on the same manifest is deleted too; they are named before anything is deleted. On a terminal the command asks; otherwise --yes is required.'
  static override args = {ref: Args.string({description: 'host/name:tag, host/name@sha256:..., or host/name with --all', required: true})}
  static override flags = {
    all: Flags.boolean({description: 'delete every tag of the repository'}),
    yes: Flags.boolean({char: 'y', description: 'do not ask: confirm the deletion ahead (required when stdin is not a terminal)'}),
  }

  static override examples = ['<%= config.bin %> delete localhost:5000/team/utils:1.0.0', '<%= config.bin %> delete localhost:5000/team/utils --all --yes']

  async run(): Promise<DeleteResult> {
    const {args, flags} = await this.parse(Delete)
    const session = createSession()
    try {
      const plan = flags.all ? await planDeleteAll(session, args.ref) : await planDeleteRef(session, args.ref)
      if (plan.manifests.length === 0) {
        if (!this.json) printData(`${plan.repository} has no tags; nothing deleted`)
        return {alsoDeleted: [], deleted: [], repository: plan.repository}
      }
      const confirmed = await confirmAction({
        action: `deleting ${flags.all ? `every tag of ${plan.repository}` : args.ref}`,
        details: {alsoDeleted: plan.alsoDeleted, manifests: plan.manifests, repository: plan.repository},
        question: flags.all ? `Delete every tag of ${plan.repository}?` : `Delete ${args.ref}${plan.alsoDeleted.length > 0 ? ` and ${plan.alsoDeleted.join(', ')}` : ''}?`,
        warning: warningFor(plan),
        yes: flags.yes,
      })
      if (!confirmed) {
        if (!this.json) say('Cancelled; nothing deleted.')
        return {alsoDeleted: plan.alsoDeleted, cancelled: true, deleted: [], repository: plan.repository}
      }
      const result = await plan.run()
      if (!this.json) {
        printData(result.deleted.map((d) => `Deleted ${result.repository}@${d.digest}${d.tags.length > 0 ? ` (${d.tags.join(', ')})` : ''}`).join('\n'))
        if (result.alsoDeleted.length > 0) say(`Also deleted, same manifest: ${result.alsoDeleted.join(', ')}`)
      }
      return result
    } finally {
      await session.close()
    }
  }
}
