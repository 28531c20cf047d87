/**
 * Test-only failure injection: AIGOGO_TEST_FAILPOINT=<step> makes the install, update or remove
 * fail right after that step, so the tests can prove that each step rolls back completely. Steps
 * that can be broken for real (network, checksum, unpack, a target that is a file) are tested
 * that way instead.
 */
import {internalError} from '@aigogo/sdk'

export function failpoint(step: string): void {
  if (process.env.AIGOGO_TEST_FAILPOINT === step) {
    throw internalError('TEST_FAILPOINT', `failing on purpose after "${step}" (AIGOGO_TEST_FAILPOINT)`)
  }
}
