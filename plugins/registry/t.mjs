import {createReadStream} from 'node:fs'
import {unpackLayer} from './dist/tar/unpack.js'
import store from '../store/dist/capabilities/store.js'
import {computeIntegrity} from '../store/dist/store/integrity.js'
import {makeReadOnly} from '../store/dist/util/permissions.js'
import {walkFiles} from '../store/dist/files/walk.js'
import {readFileSync} from 'node:fs'
process.env.AIGOGO_HOME='/tmp/rp/h3'
let t=performance.now(); const lap=(l)=>{const n=performance.now();console.log(l,(n-t).toFixed(0),'ms');t=n}
const stage = await store.stage(); lap('stage')
const files = await unpackLayer(createReadStream('/tmp/rp/layer.tar'), stage.dir); lap('unpack')
const w = await walkFiles(stage.dir); lap('walk')
const mb = readFileSync(stage.dir+'/aigogo.json')
await computeIntegrity({dir: stage.dir, files, manifestBytes: mb}); lap('integrity')
await makeReadOnly(stage.dir); lap('readonly')
await walkFiles(stage.dir); lap('walk2')
await stage.discard(); lap('discard')
