/**
 * Where `aigogo exec` keeps a package's dependency environment: AIGOGO_HOME/envs/<sha256 hex of
 * the package>/. Its own module so that uninstall finds it without loading the exec code.
 */
import {dataError} from '@aigogo/sdk/core'

/** The environment's directory name: the package's sha256 hex, nothing else (it is removed recursively). */
export function environmentName(integrity: string): string {
  const hex = /^sha256:([0-9a-f]{64})$/.exec(integrity)?.[1]
  if (!hex) throw dataError('INTEGRITY_INVALID', `"${integrity.slice(0, 80)}" is not a sha256 integrity`, ['an integrity looks like sha256:<64 lower-case hex digits>; restore aigogo.lock from version control'])
  return hex
}
