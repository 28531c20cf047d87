/**
 * `push --sign --key <file>`: what can be checked before anything is pushed is checked first (the
 * flags, a readable key file; the command then asks for the package-trust provider), so a refused
 * signing never leaves a package pushed unsigned by surprise.
 */
import {constants} from 'node:fs'
import {access, stat} from 'node:fs/promises'
import {resolve} from 'node:path'

import {preconditionError, usageError} from '@aigogo/sdk/core'

/** The key file to sign with (absolute), or undefined without --sign; coded errors for a wrong combination or an unreadable file. */
export async function checkSignFlags(flags: {sign?: boolean; key?: string}): Promise<string | undefined> {
  if (!flags.sign && flags.key === undefined) return undefined
  if (!flags.sign) throw usageError('SIGN_FLAG_MISSING', '--key is only used with --sign', ['sign as you push: aigogo push <ref> --from <build> --sign --key <private key file>'])
  if (flags.key === undefined || flags.key === '') throw usageError('SIGN_KEY_MISSING', '--sign needs the private key to sign with: --key <file>', ['create a key pair: aigogo keygen --out <prefix>', 'then: aigogo push <ref> --from <build> --sign --key <prefix>.key'])
  const keyFile = resolve(flags.key)
  const isFile = await stat(keyFile).then((s) => s.isFile(), () => false)
  const readable = isFile && (await access(keyFile, constants.R_OK).then(() => true, () => false))
  if (!readable) {
    throw preconditionError('KEY_NOT_FOUND', `cannot read the signing key ${keyFile}: ${isFile ? 'permission denied' : 'no such file'}`, [
      'nothing was pushed',
      'check the path, or create a key pair: aigogo keygen --out <prefix>',
    ], {keyFile})
  }
  return keyFile
}
