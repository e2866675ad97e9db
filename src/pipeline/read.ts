/** read stage: the content folder → input files with provenance. Touches the file system. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { InputFile, Provenance } from '../schema/types.ts';

/** Files in the content folder that describe the corpus rather than being reports. */
export const MANIFEST_FILES = ['sources.json', 'corrections.json'] as const;

interface SourcesManifest {
  files: Record<string, { sha256?: string; source_url?: string | null; obtained?: string | null; note?: string | null }>;
}

const NO_PROVENANCE: Provenance = { source_url: null, obtained: null, note: null };

/** Every file under `dir` (recursively, sorted, dotfiles and manifests skipped), as relative paths. */
export function listContentFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.')) continue;
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const rel = relative(dir, full).split(sep).join('/');
        if (!(MANIFEST_FILES as readonly string[]).includes(rel)) out.push(rel);
      }
    }
  };
  walk(dir);
  return out.sort();
}

export function readSourcesManifest(dir: string): SourcesManifest {
  try {
    return JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')) as SourcesManifest;
  } catch {
    return { files: {} };
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Provenance applies only when the manifest's sha256 matches the bytes (or the manifest gives none). */
export function provenanceFor(manifest: SourcesManifest, path: string, sha256: string): Provenance {
  const entry = manifest.files[path];
  if (!entry || (entry.sha256 && entry.sha256 !== sha256)) return NO_PROVENANCE;
  return { source_url: entry.source_url ?? null, obtained: entry.obtained ?? null, note: entry.note ?? null };
}

export function readInputFile(dir: string, path: string, manifest: SourcesManifest): InputFile {
  const bytes = new Uint8Array(readFileSync(join(dir, path)));
  const sha256 = sha256Hex(bytes);
  return { path, bytes, sha256, provenance: provenanceFor(manifest, path, sha256) };
}
