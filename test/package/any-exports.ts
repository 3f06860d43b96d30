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

/**
 * The value names (not type-only) each entry point's declarations export, as the compiler sees them
 * from `file` in `dir`: `specifier → sorted names`. They must equal what the module exports at run
 * time, or a consumer compiles an import that is `undefined` when it runs.
 */
/** Whether an alias is exported or imported with `type` (public in the compiler, not yet in its typings). */
const typeOnly = (checker: ts.TypeChecker, alias: ts.Symbol): boolean =>
  (checker as unknown as { getTypeOnlyAliasDeclaration: (s: ts.Symbol) => unknown }).getTypeOnlyAliasDeclaration(alias) !== undefined;

export const declaredValues = (dir: string, file: string): Record<string, string[]> => {
  const config = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  });
  if (config === undefined) throw new Error(`cannot read ${dir}/tsconfig.json`);
  const program = ts.createProgram({ rootNames: [join(dir, file)], options: { ...config.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(join(dir, file));
  if (source === undefined) throw new Error(`${file} is not in the program`);
  const out: Record<string, string[]> = {};
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
    const symbol = checker.getSymbolAtLocation(statement.moduleSpecifier);
    if (symbol === undefined) continue;
    out[specifier] = checker.getExportsOfModule(symbol)
      .filter((e) => {
        const target = e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e;
        return (target.flags & ts.SymbolFlags.Value) !== 0 && !(e.flags & ts.SymbolFlags.Alias && typeOnly(checker, e));
      })
      .map((e) => e.name)
      .sort();
  }
  return out;
};
