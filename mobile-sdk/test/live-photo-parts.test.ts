import { join } from 'node:path';
import { CairnError, SdkErrorCode } from '../src/core/errors';
import type { FileSource } from '../src/core/ports';
import { FsFileSource } from '../src/node/fs-file-source';
import { JsonlJournal } from '../src/node/jsonl-journal';
import { livePhotoGroups } from '../src/node/live-photos';
import { TestDevice, writeTree } from './support/engine-fixture';
import { pseudoRandomBytes } from './support/random';
import { startRealServer, type RealServer } from './support/real-server';
import { useTempDir } from './support/temp-dir';

jest.setTimeout(30_000);

describe('Live Photo pairs in a folder', () => {
  it('are a still and a video of one name; nothing else pairs', () => {
    const names = ['IMG_1.HEIC', 'IMG_1.MOV', 'IMG_2.JPG', 'IMG_3.jpg', 'IMG_3.mp4', 'IMG_3.aae'];
    const groups = livePhotoGroups('Camera', [...names, 'notes.txt', 'notes.mov', '.mov']);
    expect(Object.fromEntries(groups)).toEqual({
      'IMG_1.HEIC': 'Camera/IMG_1',
      'IMG_1.MOV': 'Camera/IMG_1',
      'IMG_3.jpg': 'Camera/IMG_3',
      'IMG_3.mp4': 'Camera/IMG_3',
    });
  });
});

/** The real folder, where reading `path` fails while `failing` says so. */
function failingRead(root: string, path: string, state: { failing: boolean }): FileSource {
  const fs = new FsFileSource(root);
  return {
    walk: (onSkip) => fs.walk(onSkip),
    stat: (relativePath) => fs.stat(relativePath),
    read: (relativePath) => {
      if (relativePath === path && state.failing) {
        throw new CairnError(SdkErrorCode.IoError, `${path}: the photo library refused the read`);
      }
      return fs.read(relativePath);
    },
  };
}

describe('a Live Photo backed up as one unit', () => {
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
    await writeTree(source, {
      'Camera/IMG_7.HEIC': pseudoRandomBytes(300_000, 7),
      'Camera/IMG_7.MOV': pseudoRandomBytes(900_000, 8),
      'Camera/IMG_8.JPG': pseudoRandomBytes(200_000, 9),
    });
  });

  async function journaled(): Promise<string[]> {
    const journal = await JsonlJournal.open(join(dir(), 'home', 'journal.jsonl'));
    try {
      return [...journal.all()].map((entry) => entry.path).sort();
    } finally {
      await journal.close();
    }
  }

  it('marks both parts done once both are committed', async () => {
    expect(await device.backup(source)).toMatchObject({ filesCommitted: 3, filesFailed: 0 });
    expect(await journaled()).toEqual([
      'Phone/Camera/IMG_7.HEIC',
      'Phone/Camera/IMG_7.MOV',
      'Phone/Camera/IMG_8.JPG',
    ]);
  });

  it('marks neither part done when one fails, and completes the pair on the next run', async () => {
    const state = { failing: true };
    const broken = failingRead(source, 'Camera/IMG_7.MOV', state);

    const first = await device.backup(source, {}, broken);
    expect(first).toMatchObject({ filesCommitted: 2, filesFailed: 1 });
    expect(first.failures[0]).toMatchObject({ path: 'Phone/Camera/IMG_7.MOV', code: 'IO_ERROR' });
    // The still is on the server, but the asset is not done: both parts are read again.
    expect(await device.headOf('Phone/Camera/IMG_7.HEIC')).not.toBeNull();
    expect(await journaled()).toEqual(['Phone/Camera/IMG_8.JPG']);

    state.failing = false;
    const second = await device.backup(source, {}, broken);
    expect(second).toMatchObject({ filesScanned: 3, filesCommitted: 1, filesFailed: 0 });
    expect(await journaled()).toEqual([
      'Phone/Camera/IMG_7.HEIC',
      'Phone/Camera/IMG_7.MOV',
      'Phone/Camera/IMG_8.JPG',
    ]);
    // The still's second pass found its content already the head: no second version.
    expect(await device.versionCount('Phone/Camera/IMG_7.HEIC')).toBe(1);

    const third = await device.backup(source, {}, broken);
    expect(third).toMatchObject({ filesSkipped: 3, filesCommitted: 0, bytesRead: 0 });
  });
});
