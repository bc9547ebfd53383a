import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { manifestPath, manifestText } from '../src/node/operations-manifest';
import { TestDevice, writeTree } from './support/engine-fixture';
import { tree } from './support/phone-tree';
import { startRealServer, type RealServer } from './support/real-server';
import { useTempDir } from './support/temp-dir';

jest.setTimeout(30_000);

describe("the SDK's operation manifest", () => {
  it('is regenerated with the operations (npm run codegen)', async () => {
    expect(await readFile(manifestPath, 'utf8')).toBe(manifestText());
  });

  describe('on a server that holds devices to it', () => {
    const dir = useTempDir();
    let server: RealServer;

    beforeAll(async () => {
      server = await startRealServer({ operationAllowListFile: manifestPath });
    });
    afterAll(() => server.stop());

    it('lets a device back up, list and restore a folder', async () => {
      const device = await TestDevice.create(server, join(dir(), 'home'));
      const source = join(dir(), 'Phone');
      await writeTree(source, tree);

      expect(await device.backup(source)).toMatchObject({ filesCommitted: 5, filesFailed: 0 });
      expect(await device.versionCount('Phone/Camera/big.bin')).toBe(1);
      const report = await device.restore(join(dir(), 'out'));
      expect(report).toMatchObject({ filesRestored: 5, failures: [] });
      const restored = await readFile(join(dir(), 'out/Phone/Camera/big.bin'));
      expect(Buffer.compare(restored, Buffer.from(tree['Camera/big.bin']))).toBe(0);
    });
  });
});
