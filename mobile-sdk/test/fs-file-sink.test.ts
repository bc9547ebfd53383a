import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CairnError } from '../src/core/errors';
import { FsFileSink } from '../src/node/fs-file-sink';
import { useTempDir } from './support/temp-dir';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('file sink', () => {
  const dir = useTempDir();

  it('writes under a temporary name and renames only on commit', async () => {
    const sink = new FsFileSink(dir());
    const writer = await sink.open('Photos/a.txt');
    await writer.write(bytes('hello '));
    await writer.write(bytes('world'));
    expect(await readdir(join(dir(), 'Photos'))).toEqual(['a.txt.cairn-partial']);

    await writer.commit(Date.UTC(2024, 0, 2));
    expect(await readdir(join(dir(), 'Photos'))).toEqual(['a.txt']);
    expect(await readFile(join(dir(), 'Photos/a.txt'), 'utf8')).toBe('hello world');
    expect((await stat(join(dir(), 'Photos/a.txt'))).mtime.toISOString()).toBe(
      '2024-01-02T00:00:00.000Z',
    );
  });

  it('leaves the real name untouched when a restore is aborted', async () => {
    await writeFile(join(dir(), 'b.txt'), 'old content');
    const writer = await new FsFileSink(dir()).open('b.txt');
    await writer.write(bytes('half of the new'));
    await writer.abort();
    expect(await readdir(dir())).toEqual(['b.txt']);
    expect(await readFile(join(dir(), 'b.txt'), 'utf8')).toBe('old content');
  });

  it('replaces a stale partial file from an interrupted run', async () => {
    await writeFile(join(dir(), 'c.txt.cairn-partial'), 'stale stale stale');
    const writer = await new FsFileSink(dir()).open('c.txt');
    await writer.write(bytes('fresh'));
    await writer.commit();
    expect(await readFile(join(dir(), 'c.txt'), 'utf8')).toBe('fresh');
    expect(await readdir(dir())).toEqual(['c.txt']);
  });

  it('keeps verified leading bytes of a partial file and writes after them', async () => {
    await writeFile(join(dir(), 'd.txt.cairn-partial'), 'good prefix|junk after it');
    const sink = new FsFileSink(dir());
    expect(await sink.readPartial('d.txt', 0, 11)).toEqual(bytes('good prefix'));
    expect(await sink.readPartial('d.txt', 20, 100)).toBeNull();
    expect(await sink.readPartial('missing.txt', 0, 1)).toBeNull();

    const writer = await sink.open('d.txt', 11);
    await writer.write(bytes(' and the rest'));
    await writer.commit();
    expect(await readFile(join(dir(), 'd.txt'), 'utf8')).toBe('good prefix and the rest');
  });

  it('refuses a path that leaves the destination', async () => {
    await expect(new FsFileSink(dir()).open('../escape.txt')).rejects.toMatchObject({
      code: 'INVALID_PATH',
    });
    await expect(new FsFileSink(dir()).open('a/../../x')).rejects.toBeInstanceOf(CairnError);
  });
});
