/**
 * The explicit publish step: `npm publish` of each tarball of a release folder, in dependency
 * order, to the registry given. A version the registry already has is refused by the registry;
 * that is reported per package (and the others are still published, so a re-run completes a
 * release that stopped half way), then the step fails with RELEASE_ALREADY_PUBLISHED.
 */
import {spawnSync} from 'node:child_process'

import {isPrerelease} from './packages.mjs'
import {preconditionError} from './fail.mjs'

// npmjs: 403 "cannot publish over the previously published versions"; Verdaccio: 409 EPUBLISHCONFLICT.
const ALREADY = /EPUBLISHCONFLICT|cannot publish over|previously published|already (?:been )?(?:present|published|exists)/i

export function publishAll({npmArgs, registry, tarballs, version, log}) {
  const refused = []
  const failed = []
  for (const {name, file} of tarballs) {
    const args = ['publish', file, '--registry', registry, '--tag', isPrerelease(version) ? 'next' : 'latest', '--access', 'public', ...npmArgs]
    const result = spawnSync('npm', args, {encoding: 'utf8'})
    if (result.status === 0) {
      log(`published ${name}@${version} to ${registry}`)
    } else if (ALREADY.test(`${result.stderr}\n${result.stdout}`)) {
      log(`${name}@${version} is already published on ${registry} (the registry refused to overwrite it)`)
      refused.push(name)
    } else {
      log(`${name}@${version} failed to publish:\n${(result.stderr || result.stdout).trim()}`)
      failed.push(name)
    }
  }
  if (failed.length > 0) {
    throw preconditionError('RELEASE_PUBLISH_FAILED', `npm publish failed for ${failed.join(', ')} (see npm's output above)`, [
      'check the registry URL and your login (npm whoami --registry <url>), then run the same command again: published packages are reported, not re-sent',
    ])
  }
  if (refused.length > 0) {
    throw preconditionError('RELEASE_ALREADY_PUBLISHED', `${refused.map((n) => `${n}@${version}`).join(', ')} already exist on ${registry}; a published version cannot be replaced`, [
      'release a new version: npm run release -- <next version> --publish',
    ])
  }
}
