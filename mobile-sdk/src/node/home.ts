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
