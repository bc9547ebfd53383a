import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The console test needs the built console the server serves; build it once per run. */
export default function globalSetup() {
  execFileSync('npm', ['run', 'build', '-w', 'console'], {
    cwd: resolve(__dirname, '..', '..'),
    stdio: 'ignore',
  });
}
