import type * as CliProgress from 'cli-progress';
import type { SingleBar } from 'cli-progress';
import { CairnError } from '../core/errors';

export interface OutputOptions {
  json?: boolean;
}

/** A byte progress bar, only when a person is watching (stdout is a TTY and no --json). */
export function progressBar(options: OutputOptions, label: string): SingleBar | null {
  if (options.json || !process.stdout.isTTY) return null;
  // Loaded only for a person at a terminal: a scripted no-change run should not pay for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SingleBar: Bar, Presets } = require('cli-progress') as typeof CliProgress;
  return new Bar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted}`,
      formatValue: (value, _options, type) =>
        type === 'value' || type === 'total' ? humanBytes(value) : String(value),
      hideCursor: true,
      stream: process.stdout,
    },
    Presets.shades_classic,
  );
}

export function humanBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** Prints the one JSON answer of a --json run. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

export function printError(error: unknown): void {
  const e = CairnError.from(error, 'INTERNAL_SERVER_ERROR');
  process.stderr.write(`cairn: ${e.message.split('\n')[0]} (${e.code})\n`);
}
