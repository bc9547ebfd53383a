import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';

export interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  peakRssBytes: number;
}

/** Runs a command under GNU time to read its wall time and peak resident memory. */
export function measure(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<Measured>((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '__peak_rss_kb=%M', command, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (piece: Buffer) => (stdout += piece.toString()));
    child.stderr.on('data', (piece: Buffer) => (stderr += piece.toString()));
    child.once('error', fail);
    child.once('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const peak = /__peak_rss_kb=(\d+)/.exec(stderr);
      done({
        code,
        stdout,
        stderr: stderr.replace(/__peak_rss_kb=\d+\n?/, ''),
        seconds,
        peakRssBytes: peak ? Number(peak[1]) * 1024 : 0,
      });
    });
  });
}

/** The high-water mark of a live process's resident memory, from /proc. */
export async function peakRssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

export function mb(bytes: number) {
  return bytes / 1e6;
}
