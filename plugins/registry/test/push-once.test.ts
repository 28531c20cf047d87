/**
 * A first push reads the build's files once: with no layer digest known yet, the layer goes in
 * one PATCH hashed while it is sent, then a PUT naming the digest, instead of a hashing pass
 * followed by a monolithic PUT. A real registry behind a logging proxy shows what went over the
 * wire; pulling the result back proves the registry stored the right bytes under that digest.
 */
import {execa} from 'execa'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo} from '../../../test/helpers/cli.js'
import {type FaultProxy, startFaultProxy} from '../../../test/helpers/fault-proxy.js'
import {json, useBuiltPackage} from './fixtures.js'

const UPLOAD_PATH = /^\/v2\/.+\/blobs\/uploads\/([^/?]*)$/

const setup = useBuiltPackage('once', {'data/table.csv': 'a,b\n1,2\n'.repeat(5000), 'once.py': 'X = 1\n'})
let proxy: FaultProxy

beforeAll(async () => {
  proxy = await startFaultProxy(setup.registry.host)
})
afterAll(async () => proxy?.stop())

interface Pushed {digest: string; blobs: {digest: string; size: number; action: string}[]}

describe('first push of a build', () => {
  it('sends the layer in one PATCH hashed on the way, then a PUT naming its digest', async () => {
    const ref = `${proxy.host}/team/once:1`
    const pushed = json<Pushed>(await aigogo(['push', ref, '--from', setup.pkg.build, '--json'], {home: setup.pkg.home}))
    const {stdout} = await execa('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${setup.registry.host}/team/once:1`])
    const layer = (JSON.parse(stdout) as {layers: {digest: string; size: number}[]}).layers[0]!
    expect(pushed.blobs.find((b) => b.digest === layer.digest)?.action).toBe('uploaded')

    const uploads = proxy.seen.filter((s) => UPLOAD_PATH.test(s.path))
    const patches = uploads.filter((s) => s.method === 'PATCH')
    expect(patches.map((s) => [s.headers['content-length'], s.headers['content-range'], s.query.get('digest'), s.status])).toEqual([
      [String(layer.size), `0-${layer.size - 1}`, null, 202],
    ])
    const session = UPLOAD_PATH.exec(patches[0]!.path)![1]
    const finish = uploads.filter((s) => s.method === 'PUT' && UPLOAD_PATH.exec(s.path)![1] === session)
    expect(finish.map((s) => [s.headers['content-length'], s.query.get('digest'), s.status])).toEqual([['0', layer.digest, 201]])
    // No PUT carried the layer's bytes: they went over the wire once.
    expect(uploads.filter((s) => s.method === 'PUT' && s.query.get('digest') === layer.digest && s.headers['content-length'] !== '0')).toEqual([])
  })

  it('pulls back what the build holds, under the digest the push computed', async () => {
    const pulled = json<{integrity: string}>(await aigogo(['pull', `${setup.registry.host}/team/once:1`, '--json'], {home: `${setup.root}/pull-home`}))
    expect(pulled.integrity).toBe(setup.pkg.integrity)
  })

  it('pushes an unchanged build again without sending the layer', async () => {
    proxy.seen.length = 0
    const pushed = json<Pushed>(await aigogo(['push', `${proxy.host}/team/once:1`, '--from', setup.pkg.build, '--json'], {home: setup.pkg.home}))
    expect(pushed.blobs.every((b) => b.action === 'exists')).toBe(true)
    expect(proxy.seen.filter((s) => UPLOAD_PATH.test(s.path))).toEqual([])
  })
})
