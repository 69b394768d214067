/**
 * Reading XML back in tests with an independent parser: xmllint (Debian libxml2-utils) validates
 * against an XSD and evaluates XPath. Used for the SKVFS 2021:16 journal export, whose schema is
 * kept in the repository (docs/spec/skvfs-2021-16/, its source named in the README there).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of Skatteverket's schema files: docs/spec/skvfs-2021-16 of the repository, found
 * upward from this file (source or dist).
 */
export function skvfsSchemaDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'docs', 'spec', 'skvfs-2021-16');
    if (existsSync(path.join(candidate, 'skvfs-2021-16.xsd'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error('docs/spec/skvfs-2021-16 not found above ' + fileURLToPath(import.meta.url));
    }
    dir = parent;
  }
}

/** The SKVFS 2021:16 schema (the root XSD that includes the other two). */
export function skvfsSchema(): string {
  return path.join(skvfsSchemaDir(), 'skvfs-2021-16.xsd');
}

function requireXmllint(): void {
  const probe = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined) {
    throw new Error(
      'xmllint saknas / is missing: install the Debian package libxml2-utils (apt-get install -y libxml2-utils)',
    );
  }
}

/** `xmllint --noout --schema schema file`: status 0 and "validates" when the file is valid. */
export function validateXml(
  file: string,
  schema: string,
): { status: number | null; output: string } {
  requireXmllint();
  const run = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** "A/B[2]/C{D}" → an XPath from the root, by local names; {D} means "having a child D". */
export function xpathOf(steps: string): string {
  const parts = steps.split('/').map((step) => {
    const match = /^([\w-]+)(\{([\w-]+)\})?(\[\d+\])?$/.exec(step);
    if (match === null) throw new Error(`bad step ${step}`);
    const [, name, , child, index] = match;
    return `*[local-name()='${name}']${child ? `[*[local-name()='${child}']]` : ''}${index ?? ''}`;
  });
  return `/*/${parts.join('/')}`;
}

/** Reads an XML file with xmllint's XPath; steps as `xpathOf` takes them (namespaces ignored). */
export function xmlReader(file: string): {
  text(steps: string): string;
  count(steps: string): number;
  children(steps: string): string[];
} {
  requireXmllint();
  const run = (expression: string): string => {
    const result = spawnSync('xmllint', ['--xpath', expression, file], { encoding: 'utf8' });
    if (result.status !== 0 && result.status !== 10) {
      throw new Error(`xmllint --xpath ${expression}: ${result.stderr}`);
    }
    return result.stdout.trim();
  };
  return {
    text: (steps) => run(`string(${xpathOf(steps)})`),
    count: (steps) => Number(run(`count(${xpathOf(steps)})`)),
    /** The local names of the children of an element. */
    children: (steps) => {
      const n = Number(run(`count(${xpathOf(steps)}/*)`));
      return Array.from({ length: n }, (_, i) => run(`local-name(${xpathOf(steps)}/*[${i + 1}])`));
    },
  };
}
