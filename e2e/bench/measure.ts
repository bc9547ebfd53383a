import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';

export interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** User plus system CPU time of the command and its children. */
  cpuSeconds: number;
  peakRssBytes: number;
}

/** Runs a command under GNU time to read its wall time and peak resident memory. */
export function measure(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<Measured>((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '__peak_rss_kb=%M __cpu=%U+%S', command, ...args], {
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
      const cpu = /__cpu=([\d.]+)\+([\d.]+)/.exec(stderr);
      done({
        code,
        stdout,
        stderr: stderr.replace(/__peak_rss_kb=.*\n?/, ''),
        seconds,
        cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : 0,
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

/** CPU time (user plus system) a live process has used so far, from /proc. */
export async function cpuSecondsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

export function mb(bytes: number) {
  return bytes / 1e6;
}
