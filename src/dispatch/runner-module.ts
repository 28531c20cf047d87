/**
 * The file the dispatcher imports for a runner: its bundled twin when fresh, else the runner tsc
 * wrote. The rule is the SDK's (`bundledTwin`), shared with the capability loader.
 */
export {bundledTwin as runnerModule} from '@aigogo/sdk/core'
