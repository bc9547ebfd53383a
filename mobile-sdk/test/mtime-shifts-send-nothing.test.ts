import { stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { TestDevice, writeTree } from './support/engine-fixture';
import { libraryPaths, tree } from './support/phone-tree';
import { startRealServer, type RealServer } from './support/real-server';
import { useTempDir } from './support/temp-dir';

jest.setTimeout(30_000);

describe('mtimes that move without the content changing', () => {
  const dir = useTempDir();
  let server: RealServer;
  let device: TestDevice;
  let source: string;

  beforeAll(async () => {
    server = await startRealServer();
  });
  afterAll(() => server.stop());

  beforeEach(async () => {
    device = await TestDevice.create(server, join(dir(), 'home'));
    source = join(dir(), 'Phone');
    await writeTree(source, tree);
    expect(await device.backup(source)).toMatchObject({ filesCommitted: 5 });
  });

  /** Moves every file's mtime by `shift` (seconds) after passing it through `round`. */
  async function touchAll(shift: number, round: (seconds: number) => number = (s) => s) {
    for (const path of Object.keys(tree)) {
      const file = join(source, path);
      const seconds = round((await stat(file)).mtimeMs / 1000) + shift;
      await utimes(file, seconds, seconds);
    }
  }

  async function expectNothingNew() {
    const report = await device.backup(source);
    expect(report).toMatchObject({ filesCommitted: 0, filesFailed: 0, bytesUploaded: 0 });
    for (const path of libraryPaths) expect(await device.versionCount(path)).toBe(1);
    // The new mtimes are remembered: the run after reads nothing.
    expect(await device.backup(source)).toMatchObject({ bytesRead: 0 });
  }

  it('a timezone or daylight-saving shift of an hour sends nothing and makes no version', async () => {
    await touchAll(3600);
    await expectNothingNew();
    await touchAll(-2 * 3600);
    await expectNothingNew();
  });

  it('mtimes cut to whole seconds (a FAT card, a copy tool) send nothing', async () => {
    await touchAll(0, Math.floor);
    await expectNothingNew();
  });
});
