/**
 * The one connection pool of a command: keep-alive connections, connect/read timeouts, and the
 * CA bundle (system roots + NODE_EXTRA_CA_CERTS + AIGOGO_CA_FILE) for registries with a private CA.
 */
import {readFileSync} from 'node:fs'

import {preconditionError} from '@aigogo/sdk/core'

import {BLOB_CONCURRENCY} from '../constants.js'
import {ConnectionPool} from './node-http.js'
import {idleTimeoutFromEnv} from './stall.js'

function numberFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name])
  return Number.isFinite(value) && value > 0 ? value : fallback
}

export interface Timeouts {
  connectMs: number
  /** Waiting for response headers once the request is sent (or its body stopped moving). */
  readMs: number
  /** Silence within a body (transport/stall.ts also catches a trickle). */
  idleMs: number
}

export function timeoutsFromEnv(env: NodeJS.ProcessEnv = process.env): Timeouts {
  return {
    connectMs: numberFromEnv(env, 'AIGOGO_CONNECT_TIMEOUT_MS', 10_000),
    idleMs: idleTimeoutFromEnv(env),
    // Sending a request body is activity for this wait, so it is also the idle timeout of an upload.
    readMs: numberFromEnv(env, 'AIGOGO_READ_TIMEOUT_MS', idleTimeoutFromEnv(env)),
  }
}

function readCa(file: string, variable: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw preconditionError('CA_FILE_UNREADABLE', `cannot read the CA file ${file} named by ${variable}: ${(error as Error).message}`, [
      `point ${variable} at a PEM file holding the registry's CA certificate`,
    ])
  }
}

/** Extra CAs, or undefined to keep Node's default trust (which already honours NODE_EXTRA_CA_CERTS). */
export function caBundle(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const custom = env.AIGOGO_CA_FILE
  if (!custom) return undefined
  const extra = env.NODE_EXTRA_CA_CERTS ? [readCa(env.NODE_EXTRA_CA_CERTS, 'NODE_EXTRA_CA_CERTS')] : []
  // node:tls only when a CA file is named: see node-http.ts on loading TLS late.
  return [...process.getBuiltinModule('node:tls').rootCertificates, ...extra, readCa(custom, 'AIGOGO_CA_FILE')]
}

export function createAgent(env: NodeJS.ProcessEnv = process.env): ConnectionPool {
  const timeouts = timeoutsFromEnv(env)
  const ca = caBundle(env)
  return new ConnectionPool({...timeouts, connections: BLOB_CONCURRENCY + 2, ...(ca ? {ca} : {})})
}
