import type { FileSink } from '../../src/core/ports';

export interface SinkFixture {
  sink: FileSink;
  /** The bytes under a name in the destination, or null when there is no such file. */
  read: (relativePath: string) => Promise<Uint8Array | null>;
  write: (relativePath: string, bytes: Uint8Array) => Promise<void>;
  list: (folder: string) => Promise<string[]>;
}

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array | null) => (b ? new TextDecoder().decode(b) : null);

/** What the restore engine expects of every platform's FileSink; each adapter runs it. */
export function fileSinkContract(name: string, make: () => Promise<SinkFixture>) {
  describe(`FileSink contract: ${name}`, () => {
    it('shows nothing under the real name until commit', async () => {
      const { sink, read } = await make();
      const writer = await sink.open('Photos/a.txt');
      await writer.write(bytes('hello '));
      await writer.write(bytes('world'));
      expect(await read('Photos/a.txt')).toBeNull();
      await writer.commit();
      expect(text(await read('Photos/a.txt'))).toBe('hello world');
    });

    it('leaves an existing file untouched when a restore is aborted', async () => {
      const { sink, read, write, list } = await make();
      await write('b.txt', bytes('old content'));
      const writer = await sink.open('b.txt');
      await writer.write(bytes('half of the new'));
      await writer.abort();
      expect(text(await read('b.txt'))).toBe('old content');
      expect(await list('')).toEqual(['b.txt']);
    });

    it('resumes after kept bytes of a suspended partial, dropping what follows them', async () => {
      const { sink, read } = await make();
      const first = await sink.open('c.txt');
      await first.write(bytes('good prefix|junk'));
      await first.suspend();
      expect(text(await sink.readPartial('c.txt', 0, 11))).toBe('good prefix');
      expect(await sink.readPartial('c.txt', 10, 100)).toBeNull();

      const second = await sink.open('c.txt', 11);
      await second.write(bytes(' and the rest'));
      await second.commit();
      expect(text(await read('c.txt'))).toBe('good prefix and the rest');
    });

    it('starts over when not told to keep a stale partial', async () => {
      const { sink, read } = await make();
      const first = await sink.open('d.txt');
      await first.write(bytes('stale stale stale'));
      await first.suspend();
      const second = await sink.open('d.txt');
      await second.write(bytes('fresh'));
      await second.commit();
      expect(text(await read('d.txt'))).toBe('fresh');
    });

    it('refuses a path that leaves the destination', async () => {
      const { sink } = await make();
      await expect(sink.open('../escape.txt')).rejects.toMatchObject({ code: 'INVALID_PATH' });
    });
  });
}
