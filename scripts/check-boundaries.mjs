#!/usr/bin/env node
// The package boundaries, checked in `npm run lint` (see CONTRIBUTING.md, "Boundaries"):
//
// - A file inside packages/<name>/ imports another package only by its name (`@kassa/core`,
//   `@kassa/register/testing/selling`), never by a relative path that leaves its own package.
// - A file outside the packages (bench/, e2e/, scripts/) never reaches into packages/ by path.
// - A package name is never followed by `/src/` or `/test/`: what a package offers is its
//   `exports` map (its index, and `./testing/*` for the rigs its tests share with benches).
//
// Prints one line per violation (`file:line: import 'x' …`) and exits 1 when there are any.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
const SKIP = new Set(['node_modules', 'dist', 'dist-bin', 'dist-types', 'test-results', 'data']);
const IMPORT =
  /(?:^|[^\w$.])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w$.])import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[^\w$.])import\s*['"]([^'"]+)['"]/gm;

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) yield full;
  }
}

/** The package folder a path lies in (packages/<name>), or null outside the packages. */
function packageOf(file) {
  const relative = path.relative(path.join(root, 'packages'), file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return relative.split(path.sep)[0] ?? null;
}

const problems = [];
const roots = ['packages', 'bench', 'e2e', 'scripts'].map((dir) => path.join(root, dir));
for (const dir of roots) {
  for (const file of sourceFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    const from = packageOf(file);
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (specifier === undefined) continue;
      const line = text.slice(0, match.index).split('\n').length;
      const where = `${path.relative(root, file)}:${line}`;
      if (/^@kassa\/[^/]+\/(src|test)(\/|$)/.test(specifier)) {
        problems.push(`${where}: import '${specifier}' reaches into a package; use its exports`);
        continue;
      }
      if (!specifier.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), specifier);
      const to = packageOf(target);
      if (from !== null && to !== from) {
        problems.push(`${where}: import '${specifier}' leaves packages/${from}; import by name`);
      } else if (from === null && to !== null) {
        problems.push(
          `${where}: import '${specifier}' reaches into packages/${to}; import by name`,
        );
      }
    }
  }
}

for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`${problems.length} import(s) across a package boundary`);
  process.exit(1);
}
