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

/** A started child process (stdout and stderr the parent's) that reads lines the parent sends on its stdin. */
export interface PipedChild {
  status: Promise<number>;
  /** Writes a line to the child's stdin. */
  send: (line: string) => void;
  /** Ends the child's stdin. */
  close: () => void;
}

export function startPipedChild(command: string, args: readonly string[], options: { cwd: string; env?: Record<string, string> }): PipedChild {
  const child = spawn(command, args, { cwd: options.cwd, stdio: ['pipe', 'inherit', 'inherit'], env: { ...process.env, ...options.env } });
  const status = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  // Failures are awaited where the stage runs; this keeps one from going unhandled meanwhile.
  status.catch(() => {});
  // A child that ended early (it failed to start) must not make a late write throw.
  child.stdin.on('error', () => {});
  return { status, send: (line) => child.stdin.write(`${line}\n`), close: () => child.stdin.end() };
}
