/** The parts of oclif.manifest.json the dispatcher reads (oclif's cached command shape). */
export interface ManifestFlag {
  name: string
  type: 'boolean' | 'option'
  char?: string
  allowNo?: boolean
  multiple?: boolean
  required?: boolean
  default?: unknown
  deprecated?: unknown
  aliases?: string[]
  charAliases?: string[]
  dependsOn?: string[]
  exclusive?: string[]
  exactlyOne?: string[]
  relationships?: unknown[]
  options?: string[]
  env?: string
  delimiter?: string
}

export interface ManifestArg {
  name: string
  required?: boolean
  default?: unknown
  options?: string[]
}

export interface ManifestCommand {
  id: string
  aliases?: string[]
  hiddenAliases?: string[]
  args?: Record<string, ManifestArg>
  flags?: Record<string, ManifestFlag>
  strict?: boolean
  state?: string
  deprecateAliases?: boolean
  deprecationOptions?: unknown
  enableJsonFlag?: boolean
  /** AigogoCommand.runner: the oclif-free module that does the command's work. */
  runner?: string
}
