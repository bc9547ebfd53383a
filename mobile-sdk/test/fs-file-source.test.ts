import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SkippedEntry } from '../src/core/ports';
import { FsFileSource } from '../src/node/fs-file-source';
import { fileSourceContract } from './contracts/file-source.contract';
import { useTempDir } from './support/temp-dir';

describe('FsFileSource', () => {
  const dir = useTempDir();

  fileSourceContract('node fs', () =>
    Promise.resolve({
      source: new FsFileSource(dir()),
      write: async (path, bytes) => {
        await mkdir(dirname(join(dir(), path)), { recursive: true });
        await writeFile(join(dir(), path), bytes);
      },
    }),
  );

  it('skips partial files of an interrupted restore without a word', async () => {
    await writeFile(join(dir(), 'real.txt'), 'x');
    await writeFile(join(dir(), 'movie.mov.cairn-partial'), 'half');
    const skipped: SkippedEntry[] = [];
    const seen = [...new FsFileSource(dir()).walk((entry) => skipped.push(entry))];
    expect(seen.map((f) => f.relativePath)).toEqual(['real.txt']);
    expect(skipped).toEqual([]);
  });

  it('passes over links (never followed, so a loop ends) and special files, telling each', async () => {
    await mkdir(join(dir(), 'Camera'));
    await writeFile(join(dir(), 'Camera/real.jpg'), 'x');
    await symlink(join(dir(), 'Camera/real.jpg'), join(dir(), 'Camera/link.jpg'));
    await symlink(dir(), join(dir(), 'Camera/loop'));
    await symlink(join(dir(), 'gone'), join(dir(), 'dangling'));
    execFileSync('mkfifo', [join(dir(), 'pipe')]);

    const skipped: SkippedEntry[] = [];
    const seen = [...new FsFileSource(dir()).walk((entry) => skipped.push(entry))];

    expect(seen.map((f) => f.relativePath)).toEqual(['Camera/real.jpg']);
    expect(skipped).toEqual([
      { relativePath: 'dangling', reason: 'link' },
      { relativePath: 'pipe', reason: 'special' },
      { relativePath: 'Camera/link.jpg', reason: 'link' },
      { relativePath: 'Camera/loop', reason: 'link' },
    ]);
  });
});
