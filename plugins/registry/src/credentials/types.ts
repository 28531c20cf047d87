/** A login for one registry. Never printed or logged. */
export interface Credential {
  username: string
  password: string
  /** A refresh token (Docker's "identitytoken", or a helper's "<token>" username). */
  identityToken?: string
}

export function decodeBasic(encoded: string): Credential | undefined {
  const text = Buffer.from(encoded, 'base64').toString('utf8')
  const colon = text.indexOf(':')
  if (colon <= 0) return undefined
  return {password: text.slice(colon + 1), username: text.slice(0, colon)}
}

export function encodeBasic(credential: Credential): string {
  return Buffer.from(`${credential.username}:${credential.password}`, 'utf8').toString('base64')
}
