/** Child processes measured for npm run bench: wall time and peak RSS via /usr/bin/time -v. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Measured {
  ok: boolean;
  seconds: number;
  /** Peak resident set size in MB (largest process of the command), null when /usr/bin/time is absent. */
  peakMb: number | null;
  output: string;
}

const TIME = '/usr/bin/time';

export function measure(command: string, args: string[], env: Record<string, string> = {}): Measured {
  const started = process.hrtime.bigint();
  const timed = existsSync(TIME);
  const result = spawnSync(timed ? TIME : command, timed ? ['-v', command, ...args] : args, {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stderr = result.stderr ?? '';
  // "Maximum resident set size (kbytes): 123456" from GNU time -v.
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return { ok: result.status === 0, seconds, peakMb: rss ? Number(rss[1]) / 1024 : null, output: `${result.stdout ?? ''}${stderr}`.slice(-4000) };
}

export function dirBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = statSync(full);
    n += st.isDirectory() ? dirBytes(full) : st.size;
  }
  return n;
}

export function fileCount(dir: string): number {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    n += statSync(full).isDirectory() ? fileCount(full) : 1;
  }
  return n;
}
