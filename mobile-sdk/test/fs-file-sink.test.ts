import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FsFileSink } from '../src/node/fs-file-sink';
import { fileSinkContract } from './contracts/file-sink.contract';
import { useTempDir } from './support/temp-dir';

describe('FsFileSink', () => {
  const dir = useTempDir();

  fileSinkContract('node fs', () =>
    Promise.resolve({
      sink: new FsFileSink(dir()),
      read: (path) => readFile(join(dir(), path)).catch(() => null),
      write: async (path, bytes) => {
        await mkdir(dirname(join(dir(), path)), { recursive: true });
        await writeFile(join(dir(), path), bytes);
      },
      list: (folder) => readdir(join(dir(), folder)),
    }),
  );

  it('answers a name the file system refuses with NAME_NOT_HELD, not a bare I/O error', async () => {
    // Past PATH_MAX the kernel answers ENAMETOOLONG, as a FAT card answers EINVAL for "a:b".
    const tooDeep = Array.from({ length: 20 }, () => 'd'.repeat(250)).join('/');
    await expect(new FsFileSink(dir()).open(`${tooDeep}/x.txt`)).rejects.toMatchObject({
      code: 'NAME_NOT_HELD',
    });
  });

  it('writes to <name>.cairn-partial, then renames it with the version mtime', async () => {
    const writer = await new FsFileSink(dir()).open('Photos/a.txt');
    await writer.write(new TextEncoder().encode('x'));
    expect(await readdir(join(dir(), 'Photos'))).toEqual(['a.txt.cairn-partial']);
    await writer.commit(Date.UTC(2024, 0, 2));
    expect(await readdir(join(dir(), 'Photos'))).toEqual(['a.txt']);
    expect((await stat(join(dir(), 'Photos/a.txt'))).mtime.toISOString()).toBe(
      '2024-01-02T00:00:00.000Z',
    );
  });

  it('refuses a path that climbs out through a folder', async () => {
    await expect(new FsFileSink(dir()).open('a/../../x')).rejects.toMatchObject({
      code: 'INVALID_PATH',
    });
  });
});
