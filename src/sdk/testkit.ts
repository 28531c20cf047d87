/**
 * @aigogo/sdk/testkit: what a plugin's own tests use (with vitest or any runner; it has no test
 * framework dependency). Check that every declared capability provider satisfies its contract,
 * run a command in-process as the host would, or through a real aigogo binary with the plugin linked.
 *
 *   import {assertCapabilities, runCommand} from '@aigogo/sdk/testkit'
 *   await assertCapabilities(root, ['package-source'])
 *   const {result, exitCode} = await runCommand(root, ['hello', 'greet', 'ada', '--json'])
 */
export {assertCapabilities, type CapabilityReport, checkCapabilities} from './testkit-capabilities.js'
export {CONTRACT_SHAPES, type ContractShape, contractProblems} from './testkit-contracts.js'
export {runLinked, type RunLinkedOptions, type RunLinkedResult} from './testkit-linked.js'
export {runCommand, type RunCommandOptions, type RunCommandResult} from './testkit-run.js'
