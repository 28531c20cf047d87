import {depgenScanner} from '../scanner.js'

export default depgenScanner
