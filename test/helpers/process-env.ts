/**
 * In-process capability calls read AIGOGO_HOME and DOCKER_CONFIG from process.env: a test that
 * makes them sets its own private values and puts back what was there when it is done.
 */
export function setProcessEnv(values: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]))
  Object.assign(process.env, values)
  return () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
}
