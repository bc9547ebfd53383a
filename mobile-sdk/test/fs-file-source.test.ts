import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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

  it('skips symbolic links and partial files of an interrupted restore', async () => {
    await writeFile(join(dir(), 'real.txt'), 'x');
    await writeFile(join(dir(), 'movie.mov.cairn-partial'), 'half');
    await symlink(join(dir(), 'real.txt'), join(dir(), 'link.txt'));
    const seen: string[] = [];
    for (const f of new FsFileSource(dir()).walk()) seen.push(f.relativePath);
    expect(seen).toEqual(['real.txt']);
  });
});
