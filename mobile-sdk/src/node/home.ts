import { chmod, mkdir, open, readFile, readdir, rename } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CairnError, SdkErrorCode } from '../core/errors';

export interface CairnConfig {
  server: string;
  tenantId: string;
  userId: string;
  deviceId: string;
  deviceName: string;
  deviceToken: string;
  keyId: string;
}

export interface StoredKey {
  keyId: string;
  /** Base64 of the 32-byte user master key. */
  key: string;
}

/** `--home`, else `$CAIRN_HOME`, else `~/.cairn`. */
export function resolveHome(option: string | undefined): string {
  return option ?? process.env.CAIRN_HOME ?? join(homedir(), '.cairn');
}

/** The CLI's state folder: its config, the user key and the journal, all private to the user. */
export class CairnHome {
  constructor(readonly dir: string) {}

  get configPath(): string {
    return join(this.dir, 'config.json');
  }

  journalPath(deviceId: string): string {
    return join(this.dir, `journal-${deviceId}.jsonl`);
  }

  /**
   * Binds a library folder to the local folder backed up into it. Two local folders of one name
   * would otherwise share it, and --mirror-deletions from one would trash the other's files.
   * `rebind` moves the binding, for a folder that moved on disk.
   */
  async claimFolder(deviceId: string, libraryFolder: string, root: string, rebind: boolean) {
    const path = join(this.dir, `folders-${deviceId}.json`);
    const folders: Record<string, string> = await readFile(path, 'utf8')
      .then((text) => JSON.parse(text) as Record<string, string>)
      .catch(() => ({}));
    const bound = folders[libraryFolder];
    if (bound === root) return;
    if (bound !== undefined && !rebind) {
      throw new CairnError(
        SdkErrorCode.LibraryFolderTaken,
        `library folder "${libraryFolder}" holds the backup of ${bound}; back ${root} up under ` +
          `another name with --as, or give --rebind if ${bound} moved to ${root}`,
      );
    }
    await writePrivate(path, JSON.stringify({ ...folders, [libraryFolder]: root }, null, 2) + '\n');
  }

  async saveConfig(config: CairnConfig): Promise<void> {
    await writePrivate(this.configPath, JSON.stringify(config, null, 2) + '\n');
  }

  async loadConfig(): Promise<CairnConfig> {
    try {
      return JSON.parse(await readFile(this.configPath, 'utf8')) as CairnConfig;
    } catch {
      throw new CairnError(
        SdkErrorCode.NotLoggedIn,
        `not logged in (no ${this.configPath}); run "cairn login" first`,
      );
    }
  }

  async saveKey(key: StoredKey): Promise<void> {
    await mkdir(join(this.dir, 'keys'), { recursive: true, mode: 0o700 });
    await writePrivate(this.keyPath(key.keyId), JSON.stringify(key) + '\n');
  }

  async loadKey(keyId: string): Promise<StoredKey> {
    try {
      return JSON.parse(await readFile(this.keyPath(keyId), 'utf8')) as StoredKey;
    } catch {
      throw new CairnError(SdkErrorCode.NotLoggedIn, `the user key ${keyId} is not in ${this.dir}`);
    }
  }

  async journalFiles(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => []);
    return names.filter((n) => n.startsWith('journal-') && n.endsWith('.jsonl'));
  }

  private keyPath(keyId: string): string {
    return join(this.dir, 'keys', `${keyId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
  }
}

/** Writes with mode 0600 from the first byte, then renames, so no reader sees a half file. */
async function writePrivate(path: string, text: string): Promise<void> {
  const dir = join(path, '..');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.write(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}
