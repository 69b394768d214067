/** Where the server package lives on disk, and its version (works from src/ under tsx and from dist/). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string };
      if (pkg.name === '@kassa/server') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the @kassa/server package folder');
    dir = parent;
  }
}

export const SERVER_PACKAGE_DIR = findPackageDir();

export const SERVER_VERSION = (
  JSON.parse(readFileSync(path.join(SERVER_PACKAGE_DIR, 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/** The built backoffice web app, beside the server package in the workspace. */
export const DEFAULT_WEB_DIR = path.resolve(SERVER_PACKAGE_DIR, '../backoffice-web/dist');

/** Where `npm run build:register` puts the register program, beside the server package. */
export const DEFAULT_REGISTER_DIST_DIR = path.resolve(SERVER_PACKAGE_DIR, '../register/dist-bin');
