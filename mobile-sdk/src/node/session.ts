import { CairnApi } from '../core/api';
import { deriveKeysFromBase64, type DerivedKeys } from '../core/keys';
import { FetchTransport } from './fetch-transport';
import { CairnHome, type CairnConfig } from './home';
import { nodeCrypto } from './node-crypto';
import { JsonlJournal } from './jsonl-journal';

export function apiFor(server: string, token: string | null = null): CairnApi {
  const base = server.replace(/\/+$/, '');
  return new CairnApi(new FetchTransport(`${base}/graphql`), base, token);
}

/** What a logged-in command needs: its config, an API client as the device, and the keys. */
export interface DeviceSession {
  home: CairnHome;
  config: CairnConfig;
  api: CairnApi;
  keys: DerivedKeys;
  openJournal(): Promise<JsonlJournal>;
}

export async function openSession(homeDir: string): Promise<DeviceSession> {
  const home = new CairnHome(homeDir);
  const config = await home.loadConfig();
  const stored = await home.loadKey(config.keyId);
  return {
    home,
    config,
    api: apiFor(config.server, config.deviceToken),
    keys: deriveKeysFromBase64(nodeCrypto, stored.keyId, stored.key),
    openJournal: () => JsonlJournal.open(home.journalPath(config.deviceId)),
  };
}
