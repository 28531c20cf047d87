/** How declared names compare with imported ones, per ecosystem. */
import {normalizeDistribution} from '../python/distributions.js'

/** PyPI names compare PEP 503-normalised (PyYAML == pyyaml == py-yaml); npm names exactly. */
export function nameKey(language: string, name: string): string {
  return language === 'python' ? normalizeDistribution(name) : name
}
