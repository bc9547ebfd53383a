import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { escapedPath } from '../src/core/escaped-names';
import { CairnError, SdkErrorCode } from '../src/core/errors';
import type { FileSink } from '../src/core/ports';
import { RestoreEngine } from '../src/core/restore.engine';
import { nodeCrypto } from '../src/node/node-crypto';
import { FsFileSink } from '../src/node/fs-file-sink';
import { TestDevice, writeTree } from './support/engine-fixture';
import { startRealServer, type RealServer } from './support/real-server';
import { useTempDir } from './support/temp-dir';

jest.setTimeout(30_000);

describe('escaped names', () => {
  it('escape what FAT and Windows refuse, and nothing else', () => {
    expect(escapedPath('Docs/plan: v2?.txt')).toBe('Docs/plan%3A v2%3F.txt');
    expect(escapedPath('a<b>|"c"*\\.txt')).toBe('a%3Cb%3E%7C%22c%22%2A%5C.txt');
    expect(escapedPath('Trips/ends with dots.. /x')).toBe('Trips/ends with dots%2E%2E%20/x');
    expect(escapedPath('tab\there/CON.txt/aux')).toBe('tab%09here/%43ON.txt/%61ux');
    expect(escapedPath('100%/été 📷.jpg')).toBe('100%25/été 📷.jpg');
    expect(escapedPath('Camera/IMG_1.jpg')).toBe('Camera/IMG_1.jpg');
  });

  it('are the same every time, and stay within 255 bytes per component', () => {
    const long = `${':'.repeat(200)}.txt`;
    const once = escapedPath(long);
    expect(escapedPath(long)).toBe(once);
    expect(Buffer.byteLength(once)).toBeLessThanOrEqual(255);
    expect(once).toMatch(/^(%3A)+~[0-9a-f]{16}$/);
    expect(escapedPath(`${':'.repeat(199)}.txt`)).not.toBe(once);
  });
});

/** A folder on a card that, like FAT, refuses the characters Windows refuses. */
function fatLikeSink(root: string): FileSink {
  const fs = new FsFileSink(root);
  return {
    open: (path, keep) => {
      const name = path.split('/').pop()!;
      if (/[<>:"|?*\\]|[. ]$/.test(name)) {
        throw new CairnError(SdkErrorCode.NameNotHeld, `${path}: invalid argument`);
      }
      return fs.open(path, keep);
    },
    readPartial: (path, offset, length) => fs.readPartial(path, offset, length),
  };
}

describe('a restore into a destination that refuses some names', () => {
  const dir = useTempDir();
  let server: RealServer;

  beforeAll(async () => {
    server = await startRealServer();
  });
  afterAll(() => server.stop());

  it('writes those files under escaped names, reports each, and the rest under their own', async () => {
    const device = await TestDevice.create(server, join(dir(), 'home'));
    const files = {
      'Docs/plan: v2?.txt': 'the plan',
      'Docs/notes.': 'a trailing dot',
      'Docs/fine.txt': 'nothing to escape',
    };
    await writeTree(join(dir(), 'Phone'), files);
    expect(await device.backup(join(dir(), 'Phone'))).toMatchObject({ filesCommitted: 3 });

    const out = join(dir(), 'card');
    const restore = () =>
      new RestoreEngine({
        api: device.api,
        crypto: nodeCrypto,
        keys: device.account.keys,
        sink: fatLikeSink(out),
      }).run();
    const report = await restore();

    expect(report).toMatchObject({ filesRestored: 3, filesFailed: 0 });
    expect(report.renamed.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'Phone/Docs/notes.', restoredAs: 'Phone/Docs/notes%2E' },
      { path: 'Phone/Docs/plan: v2?.txt', restoredAs: 'Phone/Docs/plan%3A v2%3F.txt' },
    ]);
    expect(await readFile(join(out, 'Phone/Docs/plan%3A v2%3F.txt'), 'utf8')).toBe('the plan');
    expect(await readFile(join(out, 'Phone/Docs/notes%2E'), 'utf8')).toBe('a trailing dot');
    expect(await readFile(join(out, 'Phone/Docs/fine.txt'), 'utf8')).toBe('nothing to escape');
  });
});
