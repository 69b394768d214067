#!/usr/bin/env node
// No import cycle in packages/*/src, checked in `npm run lint` (see CONTRIBUTING.md, "Cycles").
// A runtime cycle makes one module of it run before the other has finished loading: a value it
// imports is still undefined (or in its temporal dead zone) at load time, depending on which
// module was imported first. Type-only imports count too: they are erased from the JavaScript,
// but two files that name each other's types are one concept split in two (the X/Z report
// shapes therefore live in core's sale/day-figures.ts, apart from the journal and the fold).
//
// The imports are read with the TypeScript compiler's parser (no type checking, no build):
// `import`, `export … from` and `import('…')`. Relative specifiers resolve `.js` to the
// `.ts`/`.tsx` beside it; `@kassa/<name>` and its subpaths resolve to the files of that
// package's `exports` under the `source` condition, so a cycle across packages is found too.
//
// Prints each cycle as a chain of files and exits 1 when there is one.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = path.join(root, 'packages');
const SOURCE = /\.(ts|tsx|mts)$/;
const SKIP = new Set(['node_modules', 'dist', 'dist-bin', 'dist-types', 'test-results']);

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) yield full;
  }
}

/**
 * `@kassa/<name>` and its subpaths → the files their `exports` name under the `source` condition
 * (`./testing/*` → test/support/*.ts); without an exports map, src/index.ts (or main.tsx).
 */
const packageExports = [];
for (const dir of readdirSync(packagesDir)) {
  const manifest = path.join(packagesDir, dir, 'package.json');
  if (!existsSync(manifest)) continue;
  const { name, exports } = JSON.parse(readFileSync(manifest, 'utf8'));
  const folder = path.join(packagesDir, dir);
  if (exports && typeof exports === 'object') {
    for (const [key, target] of Object.entries(exports)) {
      const source = typeof target === 'string' ? target : target?.source;
      if (typeof source !== 'string') continue;
      packageExports.push({ specifier: name + key.slice(1), file: path.join(folder, source) });
    }
    continue;
  }
  for (const entry of ['src/index.ts', 'src/index.tsx', 'src/main.tsx']) {
    const file = path.join(folder, entry);
    if (existsSync(file)) {
      packageExports.push({ specifier: name, file });
      break;
    }
  }
}

function resolvePackage(specifier) {
  for (const { specifier: pattern, file } of packageExports) {
    const star = pattern.indexOf('*');
    if (star === -1) {
      if (pattern === specifier) return file;
      continue;
    }
    const [before, after] = [pattern.slice(0, star), pattern.slice(star + 1)];
    if (specifier.startsWith(before) && specifier.endsWith(after)) {
      const part = specifier.slice(before.length, specifier.length - after.length);
      return resolveFile(file.replace('*', part));
    }
  }
  return null;
}

function resolveFile(base) {
  const stem = base.replace(/\.(m?js|jsx)$/, '');
  for (const candidate of [
    base,
    `${stem}.ts`,
    `${stem}.tsx`,
    `${stem}.mts`,
    path.join(base, 'index.ts'),
    path.join(base, 'index.tsx'),
  ]) {
    if (SOURCE.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) {
      return candidate;
    }
  }
  return null;
}

function resolve(from, specifier) {
  if (specifier.startsWith('.')) return resolveFile(path.resolve(path.dirname(from), specifier));
  return specifier.startsWith('@kassa/') ? resolvePackage(specifier) : null;
}

function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const specifiers = [];
  const visit = (node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

// The graph: every source file under packages/*/src and the files they reach.
const graph = new Map();
const pending = [];
for (const dir of readdirSync(packagesDir)) {
  const src = path.join(packagesDir, dir, 'src');
  if (existsSync(src)) pending.push(...sourceFiles(src));
}
while (pending.length > 0) {
  const file = pending.pop();
  if (graph.has(file)) continue;
  const targets = new Set();
  for (const specifier of importsOf(file)) {
    const target = resolve(file, specifier);
    if (target) targets.add(target);
  }
  graph.set(file, [...targets]);
  for (const target of targets) if (!graph.has(target)) pending.push(target);
}

// Strongly connected components (Tarjan, iterative): each one with more than one file, or a file
// importing itself, is a cycle.
const index = new Map();
const low = new Map();
const onStack = new Set();
const stack = [];
const components = [];
let counter = 0;
for (const start of graph.keys()) {
  if (index.has(start)) continue;
  const work = [[start, 0]];
  index.set(start, counter);
  low.set(start, counter++);
  stack.push(start);
  onStack.add(start);
  while (work.length > 0) {
    const frame = work[work.length - 1];
    const [node, next] = frame;
    const targets = graph.get(node) ?? [];
    if (next < targets.length) {
      frame[1] = next + 1;
      const target = targets[next];
      if (!index.has(target)) {
        index.set(target, counter);
        low.set(target, counter++);
        stack.push(target);
        onStack.add(target);
        work.push([target, 0]);
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node), index.get(target)));
      }
      continue;
    }
    work.pop();
    if (work.length > 0) {
      const parent = work[work.length - 1][0];
      low.set(parent, Math.min(low.get(parent), low.get(node)));
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) {
        components.push(component);
      }
    }
  }
}

/** One concrete cycle inside a component, as a chain of files (first and last the same). */
function cycleIn(component) {
  const members = new Set(component);
  const first = [...component].sort()[0];
  const previous = new Map([[first, null]]);
  const queue = [first];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === first) {
        const chain = [first];
        for (let at = node; at !== null && at !== first; at = previous.get(at)) chain.unshift(at);
        chain.unshift(first);
        return chain;
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [first, first];
}

const show = (file) => path.relative(root, file);
for (const component of components) {
  const chain = cycleIn(component);
  console.error(`import cycle: ${chain.map(show).join(' → ')}`);
  const others = component.filter((file) => !chain.includes(file));
  if (others.length > 0) console.error(`  and through it: ${others.map(show).sort().join(', ')}`);
}
if (components.length > 0) {
  console.error(`${components.length} import cycle(s) in packages/*/src`);
  process.exit(1);
}
console.log(`No import cycle in ${graph.size} files of packages/*/src.`);
