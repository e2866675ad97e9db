/** Runs a stage as a child process with the parent's terminal; resolves to its exit status. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `signal`: aborting it kills the child (the promise then rejects). */
export function runChild(command: string, args: readonly string[], options: { cwd: string; env?: Record<string, string>; signal?: AbortSignal }): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: 'inherit', env: { ...process.env, ...options.env }, signal: options.signal });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** The JavaScript entry of an installed package's command (run with this Node, so no shell or PATH lookup). */
export function packageBin(root: string, pkg: string, name = pkg): string {
  const dir = join(root, 'node_modules', pkg);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[name];
  if (!bin) throw new Error(`${pkg}: no "${name}" command in its package.json`);
  return join(dir, bin);
}
