/** The registries search covers when the call names none. */
export async function defaultRegistries(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  return (env.AIGOGO_REGISTRY ?? '').split(',').map((r) => r.trim()).filter(Boolean)
}
