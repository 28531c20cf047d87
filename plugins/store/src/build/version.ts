import {usageError} from '@aigogo/sdk/core'

/** X.Y.Z -> X.Y.(Z+1). */
export function incrementPatch(version: string): string {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version)
  if (!match) {
    throw usageError('VERSION_INVALID', `cannot auto-increment version "${version}": it is not X.Y.Z`, [
      'set "version" in aigogo.json to X.Y.Z, or build with an explicit tag: aigogo build name:1.0.0',
    ])
  }
  return `${match[1]}.${match[2]}.${Number(match[3]) + 1}`
}
