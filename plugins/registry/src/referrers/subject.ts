/**
 * The subject of referrers: a package's image manifest, resolved the way pull resolves it (an
 * index holding our artifact is followed to the artifact), so a signature covers exactly the
 * manifest that pull verifies and stores.
 */
import type {ReferrerSubject} from '@aigogo/sdk/core'

import {resolvePackage} from '../resolve-package.js'
import {parseReference} from '../reference.js'
import {Repository} from '../repository.js'
import type {Session} from '../session.js'
import {subjectOf} from './subject-of.js'

export {subjectOf} from './subject-of.js'

export async function resolveSubject(session: Session, ref: string): Promise<ReferrerSubject> {
  return subjectOf(await resolvePackage(session, ref))
}

/** The subject's repository, through the same reference rules (docker.io's API host, validation). */
export function subjectRepository(session: Session, subject: Pick<ReferrerSubject, 'registry' | 'repository' | 'digest'>, options: {push?: boolean} = {}): Repository {
  return new Repository(session, parseReference(`${subject.registry}/${subject.repository}@${subject.digest}`), options)
}
