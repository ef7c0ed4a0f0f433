/**
 * Every public symbol (the exports of src/index.ts and of the subpath entry points, read with the
 * TypeScript compiler API) has TSDoc, and the ```ts blocks of its `@example` tags (and of those of
 * its public members, for a class) run and print what they say, checked as the examples of
 * README.md and docs/*.md are (runExamples.ts). A symbol exported in several places, or under
 * several names, is checked once, under its shortest public name.
 * `INFOBOUND_UPDATE_DOCS=1 npx vitest run test/docs/tsdoc.test.ts` rewrites the shown values that
 * differ, except in the examples of KNOWN_FAILING; review the diff before committing it.
 */
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { type Block, instrument, root, runBlock, updating } from './runExamples.js';

const ENTRY_POINTS = [
  'index',
  'discrete',
  'gaussian',
  'knn',
  'kernel',
  'gmm',
  'bounds',
  'simulation',
  'testing',
  'node',
] as const;

/**
 * Functions, classes and constants without an `@example`. Interfaces and types need none. The list
 * can only shrink: a symbol missing from it fails, and so does one listed that has an example.
 */
const WITHOUT_EXAMPLE: readonly string[] = [];

/**
 * Examples known to fail (by {@link Example} id), with why. Each runs as a test expected to fail,
 * so it has to leave this list once fixed; the update mode leaves them alone.
 */
const KNOWN_FAILING: Readonly<Record<string, string>> = {};

type Kind = 'function' | 'class' | 'constant' | 'interface' | 'type' | 'enum';

/**
 * An example, named by the symbol (or `Class.member`) it documents, with `#2`, `#3`, … for the
 * second and later blocks of one symbol.
 */
interface Example {
  id: string;
  block: Block;
}

interface PublicSymbol {
  /** The shortest public name: `discrete.entropy`, `InfoboundError`, `node.klGap`. */
  name: string;
  kind: Kind;
  /** Where it is declared, relative to the root, and the line of its declaration. */
  file: string;
  line: number;
  /** Whether it has a TSDoc comment with a summary. */
  documented: boolean;
  /** The ```ts blocks of its `@example` tags and of those of its public members. */
  examples: Example[];
  /** `@example` tags with no ```ts block, by line. */
  bare: number[];
}

function kindOf(d: ts.Declaration): Kind | undefined {
  if (ts.isFunctionDeclaration(d)) return 'function';
  if (ts.isClassDeclaration(d)) return 'class';
  if (ts.isVariableDeclaration(d)) return 'constant';
  if (ts.isInterfaceDeclaration(d)) return 'interface';
  if (ts.isTypeAliasDeclaration(d)) return 'type';
  if (ts.isEnumDeclaration(d)) return 'enum';
  return undefined;
}

/** The TSDoc comment of a node: the last JSDoc comment before it (TSDoc ignores the others). */
function tsdocOf(node: ts.Node): ts.JSDoc | undefined {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const doc = docs[docs.length - 1];
  return doc?.tags?.some((t) => t.tagName.text === 'packageDocumentation') ? undefined : doc;
}

function hasTag(doc: ts.JSDoc | undefined, tag: string): boolean {
  return doc?.tags?.some((t) => t.tagName.text === tag) ?? false;
}

/** The ```ts blocks of the `@example` tags of a TSDoc comment, and the tags without one. */
function examplesOf(doc: ts.JSDoc): { examples: Block[]; bare: number[] } {
  const sf = doc.getSourceFile();
  const file = relative(root, sf.fileName);
  const first = sf.getLineAndCharacterOfPosition(doc.getStart(sf)).line; // 0-based
  const lines = doc
    .getText(sf)
    .split('\n')
    .map((l) => l.replace(/^\s*\/?\*+\/?\s?/, '').replace(/\s*\*\/$/, ''));
  const examples: Block[] = [];
  const bare: number[] = [];
  let tag = -1; // the line of the open @example tag, −1 outside one
  let fenced = false; // whether the open tag has a ```ts block
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] as string).trim();
    if (text.startsWith('@')) {
      if (tag >= 0 && !fenced) bare.push(first + tag + 1);
      tag = /^@example\b/.test(text) ? i : -1;
      fenced = false;
    } else if (text.startsWith('```')) {
      let j = i + 1;
      while (j < lines.length && (lines[j] as string).trim() !== '```') j++;
      if (tag >= 0 && text === '```ts') {
        fenced = true;
        examples.push({ file, line: first + i + 2, code: lines.slice(i + 1, j).join('\n') });
      }
      i = j;
    }
  }
  if (tag >= 0 && !fenced) bare.push(first + tag + 1);
  return { examples, bare };
}

function isPublicMember(m: ts.ClassElement | ts.TypeElement): boolean {
  if (m.name && ts.isPrivateIdentifier(m.name)) return false;
  const flags = ts.getCombinedModifierFlags(m as ts.Declaration);
  if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return false;
  return !hasTag(tsdocOf(m), 'internal');
}

/** The public symbols of the entry points, each once. */
function publicSymbols(): PublicSymbol[] {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const entries = ENTRY_POINTS.map((e) =>
    join(root, 'src', e === 'index' ? 'index.ts' : `${e}/index.ts`),
  );
  // Binding and resolving exports needs no lib and no type checking.
  const program = ts.createProgram(entries, { ...options, noLib: true, types: [] });
  const checker = program.getTypeChecker();
  const names = new Map<ts.Symbol, string[]>();
  const visited = new Set<ts.Symbol>();
  const walk = (module: ts.Symbol, prefix: string): void => {
    if (visited.has(module)) return;
    visited.add(module);
    for (const exported of checker.getExportsOfModule(module)) {
      const target =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decl = target.declarations?.[0];
      if (decl === undefined) continue;
      if (ts.isSourceFile(decl)) {
        walk(target, `${prefix}${exported.name}.`);
        continue;
      }
      names.set(target, [...(names.get(target) ?? []), `${prefix}${exported.name}`]);
    }
  };
  entries.forEach((file, i) => {
    const sf = program.getSourceFile(file);
    const module = sf && checker.getSymbolAtLocation(sf);
    if (!module) throw new Error(`no module at ${file}`);
    visited.delete(module); // walked as a namespace of src/index.ts: now under its subpath too
    walk(module, i === 0 ? '' : `${ENTRY_POINTS[i]}.`);
  });
  const out: PublicSymbol[] = [];
  for (const [symbol, all] of names) {
    const decls = (symbol.declarations ?? []).filter((d) => kindOf(d) !== undefined);
    const value = decls.find((d) => !ts.isInterfaceDeclaration(d) && !ts.isTypeAliasDeclaration(d));
    const decl = value ?? decls[0];
    if (decl === undefined) throw new Error(`${all[0]}: unexpected declaration`);
    const docs = decls.map(tsdocOf).filter((d): d is ts.JSDoc => d !== undefined);
    if (docs.some((d) => hasTag(d, 'internal'))) continue;
    // The declared name rather than an alias, then the shortest.
    const rank = (n: string) =>
      (n === symbol.name || n.endsWith(`.${symbol.name}`) ? 0 : 100) + n.split('.').length;
    const name = all.reduce((a, b) => (rank(b) < rank(a) ? b : a));
    const examples: Example[] = [];
    const bare: number[] = [];
    const members =
      ts.isClassDeclaration(decl) || ts.isInterfaceDeclaration(decl)
        ? (decl.members as ts.NodeArray<ts.ClassElement | ts.TypeElement>).filter(isPublicMember)
        : [];
    const sources: [string, ts.JSDoc | undefined][] = [
      ...docs.map((d): [string, ts.JSDoc] => [name, d]),
      ...members.map((m): [string, ts.JSDoc | undefined] => [
        `${name}.${m.name?.getText() ?? 'constructor'}`,
        tsdocOf(m),
      ]),
    ];
    for (const [id, doc] of sources) {
      if (doc === undefined) continue;
      const e = examplesOf(doc);
      const before = examples.filter((x) => x.id.replace(/#\d+$/, '') === id).length;
      e.examples.forEach((block, i) => {
        const k = before + i + 1;
        examples.push({ id: k === 1 ? id : `${id}#${k}`, block });
      });
      bare.push(...e.bare);
    }
    const sf = decl.getSourceFile();
    out.push({
      name,
      kind: kindOf(decl) as Kind,
      file: relative(root, sf.fileName),
      line: sf.getLineAndCharacterOfPosition(decl.getStart(sf)).line + 1,
      documented: docs.some((d) => (ts.getTextOfJSDocComment(d.comment) ?? '').trim() !== ''),
      examples,
      bare,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

const symbols = publicSymbols();
const needsExample = (s: PublicSymbol) => s.kind !== 'interface' && s.kind !== 'type';

describe('public symbols have TSDoc and examples', () => {
  it('lists the public symbols without TSDoc or without @example', () => {
    const noDoc = symbols.filter((s) => !s.documented);
    const noExample = symbols.filter((s) => needsExample(s) && s.examples.length === 0);
    const noValue = symbols.flatMap((s) =>
      s.examples.filter((e) => instrument(e.block.code).checked.length === 0),
    );
    console.info(
      [
        `${symbols.length} public symbols, ${symbols.reduce((a, s) => a + s.examples.length, 0)} examples`,
        `without TSDoc (${noDoc.length}):`,
        ...noDoc.map((s) => `  ${s.name} (${s.kind}, ${s.file}:${s.line})`),
        `without @example (${noExample.length}, interfaces and types need none):`,
        ...noExample.map((s) => `  ${s.name} (${s.kind}, ${s.file}:${s.line})`),
        `examples that show no value (${noValue.length}; they check by running, or throwing):`,
        ...noValue.map((e) => `  ${e.id} (${e.block.file}:${e.block.line})`),
      ].join('\n'),
    );
    expect(symbols.length).toBeGreaterThan(100);
  });

  it('every public function, class and constant has TSDoc', () => {
    const missing = symbols.filter((s) => needsExample(s) && !s.documented);
    expect(missing.map((s) => `${s.name} (${s.file}:${s.line})`)).toEqual([]);
  });

  it('every @example tag has a ```ts block', () => {
    const bare = symbols.flatMap((s) => s.bare.map((l) => `${s.name} (${s.file}:${l})`));
    expect(bare).toEqual([]);
  });

  it('functions, classes and constants without @example are exactly those allowed', () => {
    const missing = symbols.filter((s) => needsExample(s) && s.examples.length === 0);
    expect(missing.map((s) => s.name)).toEqual(
      [...WITHOUT_EXAMPLE].sort((a, b) => a.localeCompare(b)),
    );
  });

  it('the known failing examples exist', () => {
    const names = new Set(symbols.flatMap((s) => s.examples.map((e) => e.id)));
    expect(Object.keys(KNOWN_FAILING).filter((n) => !names.has(n))).toEqual([]);
  });
});

describe('TSDoc examples run and print what they say', () => {
  for (const s of symbols) {
    for (const { id, block } of s.examples) {
      const title = `${id} (${block.file}:${block.line})`;
      const failing = KNOWN_FAILING[id];
      if (failing === undefined) it(title, () => runBlock(block));
      else if (updating) it.skip(title);
      else it.fails(`${title}, known to fail: ${failing}`, () => runBlock(block));
    }
  }
});
