/**
 * Removing cache entries no run needs any more. The emit cache keeps one file
 * per key under `<root>/<first two hex digits>/<key><suffix>` (the parse cache
 * did too, before its records moved to packs: parallel/packs.ts prunes those);
 * a parser change makes every key new, so without pruning each code change
 * would leave a whole corpus's worth of dead entries behind.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** A two-hex-digit shard folder of a keyed cache (other names under the root are not ours). */
const SHARD = /^[0-9a-f]{2}$/u;

/**
 * Removes every `<root>/<xx>/<key><suffix>` file whose key is not in `keep`
 * (files with other names, such as another process's temporary files, are left).
 * Returns how many files were removed.
 */
export function pruneKeyedFiles(root: string, suffixes: readonly string[], keep: ReadonlySet<string>): number {
  let removed = 0;
  let shards: string[];
  try {
    shards = readdirSync(root).filter((name) => SHARD.test(name));
  } catch {
    return 0;
  }
  for (const shard of shards) {
    for (const name of readdirSync(join(root, shard))) {
      const suffix = suffixes.find((s) => name.endsWith(s));
      if (suffix === undefined || keep.has(name.slice(0, -suffix.length))) continue;
      rmSync(join(root, shard, name), { force: true });
      removed++;
    }
  }
  return removed;
}
