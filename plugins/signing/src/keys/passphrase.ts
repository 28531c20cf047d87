/**
 * Where a private key's passphrase comes from: AIGOGO_KEY_PASSWORD (CI, scripts), else a prompt on
 * a terminal. Never a flag, never printed, never in an error.
 */
import {ask, canAsk} from '@aigogo/sdk/core'

import {PASSWORD_ENV} from '../constants.js'

/** The variable's value; an empty variable counts as unset. */
export function passphraseFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[PASSWORD_ENV]
  return value === undefined || value === '' ? undefined : value
}

/** The passphrase to unlock a key: the variable, or a prompt when someone can answer; undefined otherwise. */
export async function unlockPassphrase(keyFile: string): Promise<string | undefined> {
  const fromEnv = passphraseFromEnv()
  if (fromEnv !== undefined) return fromEnv
  if (!canAsk()) return undefined
  return ask(`Passphrase for ${keyFile}: `, {secret: true})
}
