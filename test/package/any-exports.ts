/**
 * Finds exports that a consumer sees as `any`: the export itself, or a parameter or the result of
 * an exported function. A declaration importing a module the consumer cannot resolve turns into
 * `any` silently under `skipLibCheck` (and type-level tests cannot see it: conditional types on an
 * unresolved type are unresolved too), so this asks the compiler directly.
 */
import { join } from 'node:path';
import ts from 'typescript';

/**
 * Compiles `file` (which imports the entry points as `import * as entryN from '…'`) with the
 * project's tsconfig in `dir`, and lists `specifier: name` for every export typed `any`.
 */
export const anyExports = (dir: string, file: string): string[] => {
  const configPath = join(dir, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (config === undefined) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({ rootNames: [join(dir, file)], options: { ...config.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(join(dir, file));
  if (source === undefined) throw new Error(`${file} is not in the program`);
  const isAny = (t: ts.Type) => (t.flags & ts.TypeFlags.Any) !== 0;
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings === undefined || !ts.isNamespaceImport(bindings)) continue;
    const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
    const symbol = checker.getSymbolAtLocation(statement.moduleSpecifier);
    if (symbol === undefined) {
      found.push(`${specifier}: (the module does not resolve)`);
      continue;
    }
    for (const exported of checker.getExportsOfModule(symbol)) {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!(target.flags & ts.SymbolFlags.Value)) continue;
      const type = checker.getTypeOfSymbol(target);
      if (isAny(type)) {
        found.push(`${specifier}: ${exported.name}`);
        continue;
      }
      for (const signature of type.getCallSignatures()) {
        if (isAny(signature.getReturnType())) found.push(`${specifier}: ${exported.name} (result)`);
        for (const p of signature.getParameters()) {
          if (isAny(checker.getTypeOfSymbol(p))) found.push(`${specifier}: ${exported.name} (parameter ${p.name})`);
        }
      }
    }
  }
  return [...new Set(found)];
};
