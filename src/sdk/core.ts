/**
 * Everything the SDK offers except the oclif command base class: importing this entry loads no
 * oclif, so plugin code shared by commands and fast paths (see the kernel's src/fast-path.ts)
 * imports from "@aigogo/sdk/core" and stays cheap to start.
 */
export * from './activity.js'
export * from './ask.js'
export * from './atomic-fs.js'
export * from './bundled-twin.js'
export * from './capabilities.js'
export * from './confirm.js'
export * from './contracts/index.js'
export * from './dirs.js'
export * from './errors.js'
export * from './fast-path.js'
export * from './json-file.js'
export * from './lock.js'
export * from './names.js'
export * from './output.js'
export * from './plain-args.js'
export * from './redact.js'
export * from './remove-tree.js'
export * from './runner.js'
export * from './settings.js'
export * from './sha256.js'
export * from './stages.js'
export * from './stdio.js'
export * from './trust-policy-files.js'
export * from './languages.js'
