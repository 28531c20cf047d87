import {Flags} from '@oclif/core'
import {AigogoCommand, ask, canAsk, printData, preconditionError, usageError} from '@aigogo/sdk'

import {PASSWORD_ENV} from '../constants.js'
import {generateKeys, type GeneratedKeys} from '../keys/keygen.js'
import {passphraseFromEnv} from '../keys/passphrase.js'

/** The passphrase to encrypt with: the variable, a prompt (empty: none), or none with --no-password. */
async function choosePassphrase(noPassword: boolean): Promise<string | undefined> {
  const fromEnv = passphraseFromEnv()
  if (noPassword && fromEnv !== undefined) {
    throw usageError('KEYGEN_FLAGS_CONFLICT', `--no-password asks for an unencrypted key, but ${PASSWORD_ENV} is set`, [
      `drop --no-password to encrypt with ${PASSWORD_ENV}, or unset ${PASSWORD_ENV}`,
    ])
  }
  if (noPassword) return undefined
  if (fromEnv !== undefined) return fromEnv
  if (!canAsk()) {
    throw preconditionError('KEY_PASSWORD_REQUIRED', 'keygen needs to know whether to encrypt the private key, and stdin is not a terminal', [
      `encrypt it: set ${PASSWORD_ENV} to a passphrase (in CI, from a secret)`,
      'or write it unencrypted (protect the file yourself): aigogo keygen --out <prefix> --no-password',
    ])
  }
  const first = await ask('Passphrase for the private key (empty for none): ', {secret: true})
  if (first === '') return undefined
  const again = await ask('The same passphrase again: ', {secret: true})
  if (again !== first) throw usageError('KEY_PASSWORD_MISMATCH', 'the two passphrases differ', ['run aigogo keygen again; nothing was written'])
  return first
}

export default class Keygen extends AigogoCommand {
  static override summary = 'Make an ECDSA P-256 key pair to sign packages with.'
  static override description = `Writes <prefix>.key (the private key, PEM PKCS#8, mode 0600) and <prefix>.pub (the public key, PEM), and prints the key id ("sha256:" and the SHA-256 of the public key). The private key is encrypted with a passphrase from ${PASSWORD_ENV}, or one you type on a terminal (empty for none); --no-password writes it unencrypted. An existing file is never overwritten. Give <prefix>.pub to the people who verify your packages (aigogo trust add); keep <prefix>.key secret.`

  static override flags = {
    out: Flags.string({description: 'path prefix of the two files: <prefix>.key and <prefix>.pub', required: true}),
    'no-password': Flags.boolean({default: false, description: `write the private key unencrypted (without it, ${PASSWORD_ENV} or a prompt gives the passphrase)`}),
  }

  static override examples = [
    '<%= config.bin %> keygen --out ~/.keys/acme-release',
    `${PASSWORD_ENV}=... <%= config.bin %> keygen --out ci-signing --json`,
    '<%= config.bin %> keygen --out throwaway --no-password',
  ]

  async run(): Promise<GeneratedKeys> {
    const {flags} = await this.parse(Keygen)
    const passphrase = await choosePassphrase(flags['no-password'])
    const keys = await generateKeys(flags.out, passphrase)
    if (!this.json) {
      printData([
        `Private key: ${keys.privateKeyFile} (${keys.encrypted ? 'encrypted' : 'NOT encrypted'}, mode 0600: keep it secret)`,
        `Public key:  ${keys.publicKeyFile}`,
        `Key id:      ${keys.keyId}`,
        '',
        `Sign:  aigogo sign <registry>/<repo>:<tag> --key ${keys.privateKeyFile}`,
        `Trust: aigogo trust add <registry>/<repo-glob> --key ${keys.publicKeyFile}`,
      ].join('\n'))
    }
    return keys
  }
}
