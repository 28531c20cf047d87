import {builtinLanguage} from './builtin.js'

export default builtinLanguage('javascript')
