import path from 'node:path';
import { loadConfig } from '../src/config';

describe('configuration from the environment', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config.tls).toBeNull();
    expect(config.publicUrl).toBe('http://127.0.0.1:4000');
    expect(config.scrub).toEqual({
      everySeconds: 3600,
      maxObjects: 1000,
      maxBytes: 1024 ** 3,
      orphanGraceSeconds: 86400,
    });
  });

  it('serves https when both TLS files are set, and says so in the public URL', () => {
    const config = loadConfig({ TLS_CERT_FILE: 'cert.pem', TLS_KEY_FILE: 'key.pem' });
    expect(config.tls).toEqual({
      certFile: path.resolve('cert.pem'),
      keyFile: path.resolve('key.pem'),
    });
    expect(config.publicUrl).toBe('https://127.0.0.1:4000');
  });

  it.each([{ TLS_CERT_FILE: 'cert.pem' }, { TLS_KEY_FILE: 'key.pem' }])(
    'refuses half a TLS setup: %p',
    (env) => {
      expect(() => loadConfig(env)).toThrow('TLS_CERT_FILE and TLS_KEY_FILE must be set together');
    },
  );

  it.each([
    ['CAIRN_SCRUB_INTERVAL_SECONDS', '0'],
    ['CAIRN_SCRUB_MAX_OBJECTS', '-5'],
    ['CAIRN_SCRUB_MAX_BYTES', '1.5'],
    ['CAIRN_SCRUB_ORPHAN_GRACE_SECONDS', 'a day'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(`${name} must be a positive integer`);
  });

  it('reads the scrub settings', () => {
    const config = loadConfig({
      CAIRN_SCRUB_INTERVAL_SECONDS: '600',
      CAIRN_SCRUB_MAX_OBJECTS: '50',
      CAIRN_SCRUB_MAX_BYTES: '1048576',
      CAIRN_SCRUB_ORPHAN_GRACE_SECONDS: '7200',
    });
    expect(config.scrub).toEqual({
      everySeconds: 600,
      maxObjects: 50,
      maxBytes: 1048576,
      orphanGraceSeconds: 7200,
    });
  });
});
