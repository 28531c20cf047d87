/**
 * The registry plugin's capability: what other plugins (the MCP server, for one) ask of OCI
 * registries without importing the registry plugin. Registry-wide search is bounded: it reads at
 * most a number of repositories per registry and of tags per repository, and says when it stopped.
 */

export interface RegistrySearchOptions {
  /** Text to look for (case-insensitive) in the repository path and the package's name, summary, description and capabilities; empty: every package. */
  query?: string
  /** Registries (host[:port]) to search; default: AIGOGO_REGISTRY, else the "registry" setting (aigogo config set registry ...). */
  registries?: readonly string[]
  /** Repositories read per registry (default: the "search.max-repositories" setting, else 500). */
  maxRepositories?: number
  /** Tags read per repository to find its latest version (default: "search.max-tags", else 1000). */
  maxTags?: number
  /** Start after this repository (a previous report's `next`); only with a single registry. */
  after?: string
}

export interface RegistrySearchHit {
  registry: string
  /** The repository path in the registry: "team/string-utils". */
  repository: string
  /** registry/repository:latest. */
  ref: string
  /** The highest version-looking tag, else "latest", else the last tag read. */
  latest: string
  /** From the package's aigogo.json (the config blob), when it is an aigogo package. */
  name?: string
  version?: string
  summary?: string
  capabilities?: string[]
  /** Where the query matched: "repository", "name", "summary", "description", "capabilities". */
  matched: string[]
  /** True when the latest tag is not an aigogo package (or could not be read). */
  foreign?: boolean
  /** True when the repository has more tags than were read: `latest` is the latest of those read. */
  tagsCut?: boolean
}

export interface RegistrySearchReport {
  registry: string
  /** False when the search stopped before the end of the catalog. */
  complete: boolean
  repositoriesRead: number
  /** Why it stopped early, in words (with the setting that bounds it). */
  stoppedEarly?: string
  /** The last repository read when it stopped early: pass it as `after` to go on. */
  next?: string
  /** This registry could not be searched (the others were). */
  error?: {code: string; message: string}
}

export interface RegistrySearchResult {
  query: string
  results: RegistrySearchHit[]
  registries: RegistrySearchReport[]
  /** True when every registry was searched to the end of its catalog. */
  complete: boolean
}

export interface RegistryCapability {
  search(options?: RegistrySearchOptions): Promise<RegistrySearchResult>
}
