import packageJson from '../../package.json';

/** The SDK's package version: what a device registers as its app version. */
export const sdkVersion: string = packageJson.version;
