/**
 * What the core needs from a platform. Each platform (Node, iOS, Android) implements these;
 * the core never touches a file system, a socket or a crypto library directly.
 */

export interface FileInfo {
  /** Path relative to the backed-up folder, with "/" separators. */
  relativePath: string;
  size: number;
  mtimeMs: number;
  /** The platform's stable id for the asset (inode, PHAsset id, MediaStore id), if any. */
  assetId: string | null;
  /**
   * The multi-resource asset this file is one part of (a Live Photo's still and its video), if
   * any. A backup marks the parts done together, only once every one of them is committed.
   */
  assetGroup?: string | null;
}

/** An entry a walk passes over rather than back up, and why. */
export interface SkippedEntry {
  relativePath: string;
  /**
   * `link`: a symbolic link, never followed (so a link loop cannot trap a scan); `special`: a
   * pipe, socket or device; `unreadable`: a folder or file the platform would not list or stat
   * (permissions, a name that is not valid UTF-8), which a backup reports as failed.
   */
  reason: 'link' | 'special' | 'unreadable';
  message?: string;
}

export interface FileSource {
  /**
   * Every regular file under the root, in a stable order. Anything else it does not descend
   * into or read is told to `onSkip`; without `onSkip`, an unreadable entry ends the walk with
   * its error, so no caller mistakes it for a deleted one.
   */
  walk(onSkip?: (entry: SkippedEntry) => void): AsyncIterable<FileInfo> | Iterable<FileInfo>;
  stat(relativePath: string): Promise<FileInfo>;
  /**
   * Streams the file's bytes in pieces. A piece is only valid until the next one is requested,
   * so an adapter may reuse its read buffer.
   */
  read(relativePath: string): AsyncIterable<Uint8Array>;
  /** Optional: the whole (small) file in one buffer of its size. */
  readWhole?(relativePath: string): Promise<Uint8Array>;
}

export interface SinkWriter {
  write(bytes: Uint8Array): Promise<void>;
  /** Flushes to stable storage and moves the file to its real name in one atomic step. */
  commit(mtimeMs?: number): Promise<void>;
  /** Removes the temporary file; the real name is left as it was. */
  abort(): Promise<void>;
  /** Closes, keeping the temporary file for a later run to resume from. */
  suspend(): Promise<void>;
}

export interface FileSink {
  /**
   * Starts writing `relativePath` under a temporary name next to it. With `keepBytes`, the
   * first bytes of a partial file left by an interrupted restore stay and writing resumes
   * after them; anything beyond is dropped.
   */
  open(relativePath: string, keepBytes?: number): Promise<SinkWriter>;
  /** Reads `length` bytes at `offset` of the partial file, or null if it has fewer. */
  readPartial(relativePath: string, offset: number, length: number): Promise<Uint8Array | null>;
}

export interface JournalEntry {
  /** Library path, e.g. "Camera/IMG_1.jpg". */
  path: string;
  size: number;
  mtimeMs: number;
  deviceAssetId: string | null;
  versionId: string;
  contentHash: string;
}

/** The device's record of what it has committed; it survives a killed process. */
export interface Journal {
  get(path: string): JournalEntry | undefined;
  /** Appends and flushes; returns once the entries are durable. */
  record(entries: readonly JournalEntry[]): Promise<void>;
  /** Drops the entries of files the device no longer holds; durable when it returns. */
  forget(paths: readonly string[]): Promise<void>;
  all(): Iterable<JournalEntry>;
  size(): number;
  close(): Promise<void>;
}

export interface IncrementalHash {
  update(bytes: Uint8Array): void;
  digest(): Uint8Array;
}

export interface Crypto {
  hmacSha256(key: Uint8Array): IncrementalHash;
  sha256(bytes: Uint8Array): Uint8Array;
  sha256Hasher(): IncrementalHash;
  hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Uint8Array;
  /** Returns the ciphertext and its 16-byte tag apart, so nobody copies them together. */
  aes256GcmEncrypt(
    key: Uint8Array,
    nonce: Uint8Array,
    plaintext: Uint8Array,
    aad: Uint8Array,
  ): { ciphertext: Uint8Array; tag: Uint8Array };
  /** Takes ciphertext followed by tag; throws when authentication fails. */
  aes256GcmDecrypt(
    key: Uint8Array,
    nonce: Uint8Array,
    sealed: Uint8Array,
    aad: Uint8Array,
  ): Uint8Array;
  randomBytes(length: number): Uint8Array;
}

/** A sealed chunk as the upload pipeline takes it; see `sealChunk` in chunk-format. */
export interface SealedChunkParts {
  id: string;
  plainSize: number;
  parts: readonly Uint8Array[];
  size: number;
  checksum: string;
}

/**
 * Optional: seals chunks (keyed id, encryption, checksum) off the caller's thread, so chunking
 * and sealing run on two cores. Takes ownership of `plaintext`. Without it the core seals
 * inline with the `Crypto` port; both give the same chunk ids and formats.
 */
export interface ChunkSealer {
  seal(plaintext: Uint8Array): Promise<SealedChunkParts>;
  close(): Promise<void>;
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: readonly {
    message: string;
    extensions?: { code?: string; retryable?: boolean; [key: string]: unknown };
  }[];
}

export interface HttpResult {
  status: number;
  body: Uint8Array;
}

/**
 * One network attempt per call: the core adds retries and backoff on top, so every platform
 * retries the same way. Network failures reject with a retryable CairnError.
 */
export interface Transport {
  graphql<T>(query: string, variables: unknown, token: string | null): Promise<GraphQLResponse<T>>;
  /** Sends the parts, in order, as one body with a Content-Length. */
  put(
    url: string,
    body: readonly Uint8Array[],
    headers: Record<string, string>,
  ): Promise<HttpResult>;
  /** Sends the parts, in order, as one POST body; optional: without it chunks go one PUT each. */
  post?(
    url: string,
    body: readonly Uint8Array[],
    headers: Record<string, string>,
  ): Promise<HttpResult>;
  get(url: string, headers: Record<string, string>): Promise<HttpResult>;
}
