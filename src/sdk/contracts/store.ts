/**
 * The content-addressable store and the local build cache, owned by the store plugin.
 * Nothing else touches store paths directly: other plugins go through these calls.
 */
import type {PackageManifest} from './manifest.js'

export interface StoredPackage {
  /** "sha256:<hex>", the upstream integrity algorithm (lock files interoperate). */
  integrity: string
  /** The package's directory in the store (holds files/ and aigogo.json). */
  path: string
  /** Where the package files live: <path>/files. */
  filesDir: string
  /** Relative paths of the package files, sorted, including aigogo.json. */
  files: string[]
  manifest: PackageManifest
}

export interface PutFromDirectoryInput {
  /** Directory that holds the files. */
  dir: string
  /** Relative paths (forward slashes) of the files to store; aigogo.json included when present. */
  files: readonly string[]
  /** The exact bytes of the package's aigogo.json (hashed as the manifest section). */
  manifestBytes: Uint8Array
}

/**
 * A private directory on the store's filesystem that a producer (a registry pull) fills with a
 * package's files, so they enter the store by a rename instead of a second copy.
 */
export interface StoreStage {
  /** An empty directory: write the package files under it, at their package paths. */
  dir: string
  /**
   * Hashes exactly the listed files (which must be all the stage holds), moves them into the
   * store without copying and returns the stored package. The stage is gone afterwards.
   * With `expectedIntegrity` ("sha256:<hex>"), a package whose integrity differs is refused
   * (INTEGRITY_MISMATCH, details {expected, actual}) and does not enter the store.
   */
  commit(input: {files: readonly string[]; manifestBytes: Uint8Array; expectedIntegrity?: string}): Promise<StoredPackage>
  /**
   * Creates the package file `path` in the stage (exclusively; its directories are made) and
   * returns a writer for its bytes. The store hashes the bytes as it writes them, so when the
   * files were written one after the other in byte order of their paths (the integrity's order,
   * and that of every layer aigogo pushes), commit neither reads nor hashes them again; in any
   * other order commit hashes the stage as it does files written to `dir` directly. Filesystem
   * errors (EEXIST, ENAMETOOLONG, ENOTDIR...) are thrown as they are. Optional: a store without
   * it takes files written to `dir`.
   */
  writeFile?(path: string): StageFile

  /** Removes whatever is left of the stage; call it in a finally block (a no-op after commit). */
  discard(): Promise<void>
}

/** One file of a stage being written (StoreStage.writeFile). */
export interface StageFile {
  /** Appends all of `chunk` to the file (a synchronous write). */
  write(chunk: Uint8Array): void
  /** Closes the file; call it once, after its last byte or after a failure. */
  close(): void
}

/**
 * What store.check found. "tampered" lists the changed entries by their path in the package
 * directory ("files/<relpath>", "aigogo.json" for the stored manifest); the list is empty when a
 * package without an index fails its full re-hash (which file changed is then unknown).
 */
export type StoreCheck =
  | {state: 'intact'; /** true when every file was re-hashed. */ full: boolean}
  | {state: 'missing'}
  | {state: 'tampered'; path: string; changed: string[]; full: boolean}

export interface StoreCapability {
  /** Copies files into the store (stage, then rename; read-only afterwards). Idempotent. */
  putFromDirectory(input: PutFromDirectoryInput): Promise<StoredPackage>
  /** A stage to fill and commit: the one-copy way in for files that arrive as a stream. */
  stage(): Promise<StoreStage>
  has(integrity: string): Promise<boolean>
  /** The stored package, or undefined when it is not in the store. */
  get(integrity: string): Promise<StoredPackage | undefined>
  /** Re-hashes a stored package; throws a coded data error (STORE_TAMPERED) on mismatch. */
  verify(integrity: string): Promise<StoredPackage>
  /**
   * The cheap check: stats every file and compares it with the index recorded when the package
   * entered the store, re-hashing only files whose size, mtime, ctime or inode changed. With
   * {full: true}, or for a package without an index, every file is re-hashed (and the index is
   * built). Never throws for a changed package: the caller decides to restore or refuse. It only
   * checks (the no-op install runs it for every package): get() the package when it is intact.
   */
  check(integrity: string, options?: {full?: boolean}): Promise<StoreCheck>
  /**
   * The stats (size, mtime, ctime, inode) of an indexed package's files and directories as its
   * last check() found them, for the caller to keep (install keeps them in its stamp) and hand to
   * checkSnapshots later. Opaque outside the store; undefined when the package has no usable index.
   * Take it only after check() said intact.
   */
  snapshot(integrity: string): Promise<unknown>
  /**
   * The integrities among `integrities` that need check(): those without a snapshot in
   * `snapshots` or whose files and directories no longer all have exactly the recorded stats.
   * One lstat per file and directory, no index read; it passes what the cheap check passes
   * without re-hashing. Being listed means only "ask check()", not "tampered".
   */
  checkSnapshots(integrities: readonly string[], snapshots: unknown): Promise<string[]>
  /** Takes a package out of the store (a tampered copy before fetching it again). True when it was there. */
  remove(integrity: string): Promise<boolean>
}

export interface LocalBuild {
  /** name:version as built. */
  ref: string
  name: string
  version: string
  /** Directory of the build in the cache. */
  dir: string
  /** Relative paths of the packaged files, sorted, including aigogo.json. */
  files: string[]
  manifest: PackageManifest
  builtAt: string
}

export interface LocalBuildsCapability {
  /** A local build by "name:tag"; a coded error (BUILD_NOT_FOUND) lists what exists. */
  resolve(ref: string): Promise<LocalBuild>
  list(): Promise<LocalBuild[]>
}

export interface PackageFilesCapability {
  /**
   * The files a package at `dir` consists of (relative, forward slashes, sorted): auto discovery
   * per language or the include patterns, minus the default excludes, "exclude" and .aigogoignore.
   * aigogo.json itself is not in the list. `extensions`: the language's (its providers'), for
   * "include": "auto"; without, the store's table of aigogo's own languages.
   */
  discover(dir: string, manifest: PackageManifest, options?: {extensions?: readonly string[]}): Promise<string[]>
}
