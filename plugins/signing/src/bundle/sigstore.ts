/**
 * The sigstore-js modules, loaded on use only: no command but sign, verify and a policy check pays
 * for them (each costs a few milliseconds of start-up).
 */
export async function sigstoreBundle(): Promise<typeof import('@sigstore/bundle')> {
  return import('@sigstore/bundle')
}

export async function sigstoreVerify(): Promise<typeof import('@sigstore/verify')> {
  return import('@sigstore/verify')
}
