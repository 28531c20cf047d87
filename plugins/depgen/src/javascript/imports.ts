/**
 * Module specifiers used by a JavaScript/TypeScript file, read from the TypeScript compiler's
 * syntax tree: static import, export-from, import-equals, require(), dynamic import() and
 * `import('x').T` type references. Type-only forms are marked. Text inside strings, template
 * literals and comments is never code to the parser, so it never counts.
 */
import ts from 'typescript'

export interface ModuleReference {
  specifier: string
  line: number
  typeOnly: boolean
  kind: 'import' | 'export' | 'require' | 'dynamic-import' | 'import-type'
}

function scriptKindOf(file: string): ts.ScriptKind {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX
  if (file.endsWith('.jsx')) return ts.ScriptKind.JSX
  if (/\.[mc]?ts$/.test(file)) return ts.ScriptKind.TS
  return ts.ScriptKind.JS
}

function literalText(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined
}

/** `import {type A, type B} from 'x'`: every named binding is type-only and there is no default. */
function allTypeOnly(elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>): boolean {
  return elements.length > 0 && elements.every((e) => e.isTypeOnly)
}

export function moduleReferences(source: string, file: string): ModuleReference[] {
  // Most files of a package without any of these words cannot import anything: skip the parse.
  if (!/\b(?:import|require|export)\b/.test(source)) return []
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, scriptKindOf(file))
  const found: ModuleReference[] = []
  const add = (node: ts.Node, specifier: string | undefined, kind: ModuleReference['kind'], typeOnly: boolean): void => {
    if (specifier === undefined) return
    const {line} = sf.getLineAndCharacterOfPosition(node.getStart(sf))
    found.push({kind, line: line + 1, specifier, typeOnly})
  }

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : undefined
      const typeOnly = Boolean(clause && (clause.isTypeOnly || (!clause.name && named && allTypeOnly(named.elements))))
      add(node, literalText(node.moduleSpecifier), 'import', typeOnly)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause : undefined
      add(node, literalText(node.moduleSpecifier), 'export', node.isTypeOnly || Boolean(named && allTypeOnly(named.elements)))
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, literalText(node.moduleReference.expression), 'import', node.isTypeOnly)
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, literalText(node.arguments[0]), 'dynamic-import', false)
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1) {
        add(node, literalText(node.arguments[0]), 'require', false)
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, literalText(node.argument.literal), 'import-type', true)
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return found
}
