import {Args, Flags} from '@oclif/core'
import {AigogoCommand, ask, say, usageError} from '@aigogo/sdk'

import {login, registryName} from '../login.js'
import {readStdin} from '../prompt.js'

export default class Login extends AigogoCommand {
  static override summary = "Log in to a registry; the login goes to Docker's credential helper for it, else AIGOGO_HOME/auth.json (mode 0600)."
  static override description = `The login is checked against the registry first. When Docker's config.json ($DOCKER_CONFIG or ~/.docker) names a credential helper for the registry (credHelpers) or for all (credsStore), the login is stored through docker-credential-<name>, as docker login does; otherwise in AIGOGO_HOME/auth.json, base64 as upstream writes it.`
  static override examples = ['<%= config.bin %> login ghcr.io -u me', 'echo "$TOKEN" | <%= config.bin %> login ghcr.io -u me --password-stdin']
  static override args = {registry: Args.string({description: 'registry host[:port], e.g. ghcr.io or localhost:5000', required: true})}
  static override flags = {
    username: Flags.string({char: 'u', description: 'user name'}),
    'password-stdin': Flags.boolean({description: 'read the password or token from stdin'}),
  }

  async run(): Promise<{registry: string; username: string; storedIn: string}> {
    const {args, flags} = await this.parse(Login)
    const registry = registryName(args.registry)
    const interactive = Boolean(process.stdin.isTTY)
    let username = flags.username
    if (!username && interactive && !flags['password-stdin']) username = await ask('Username: ')
    if (!username) throw usageError('LOGIN_NO_USERNAME', 'a user name is needed', [`pass it: aigogo login ${registry} -u <user> --password-stdin`])
    let password: string
    if (flags['password-stdin']) password = await readStdin()
    else if (interactive) password = await ask('Password: ', {secret: true})
    else throw usageError('LOGIN_NO_PASSWORD', 'no password: stdin is not a terminal', [`pipe it in: echo "$TOKEN" | aigogo login ${registry} -u ${username} --password-stdin`])
    if (password === '') throw usageError('LOGIN_NO_PASSWORD', 'the password is empty', ['pass a password or token on stdin'])
    const storedIn = await login(registry, {password, username})
    if (!this.json) say(`Logged in to ${registry} as ${username} (stored in ${storedIn === 'auth.json' ? 'AIGOGO_HOME/auth.json' : storedIn}).`)
    return {registry, storedIn, username}
  }
}
