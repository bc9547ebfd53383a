import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';

const root = resolve(__dirname, '..', '..');

interface CodegenConfig {
  generates: Record<string, unknown>;
}

/** A schema change that is not regenerated would let callers type-check against stale types. */
describe('generated types', () => {
  it('match schema/schema.graphql and every package’s operations', () => {
    const config = parse(readFileSync(join(root, 'codegen.yml'), 'utf8')) as CodegenConfig;
    const outDir = mkdtempSync(join(tmpdir(), 'cairn-codegen-'));
    const targets = Object.keys(config.generates);
    const generates = Object.fromEntries(
      targets.map((target) => [join(outDir, target), config.generates[target]]),
    );
    const configPath = join(outDir, 'codegen.yml');
    writeFileSync(configPath, stringify({ ...config, generates }));

    try {
      const bin = join(root, 'node_modules/.bin/graphql-codegen');
      execFileSync(bin, ['--config', configPath, '--silent'], { cwd: root, stdio: 'pipe' });

      for (const target of targets) {
        const fresh = readFileSync(join(outDir, target), 'utf8');
        const committed = readFileSync(join(root, target), 'utf8');
        expect({ target, committed }).toEqual({ target, committed: fresh });
      }
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
