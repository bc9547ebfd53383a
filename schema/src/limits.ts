/** Limits both ends enforce, so a client can refuse bad input before it travels. */
export const Limits = {
  /** Content-defined chunking bounds, in plaintext bytes. */
  chunkMinBytes: 256 * 1024,
  chunkAvgBytes: 1024 * 1024,
  chunkMaxBytes: 4 * 1024 * 1024,
  /** Room for a stored chunk's header and authentication tag on top of its plaintext. */
  chunkOverheadMaxBytes: 1024,
  /** Path limits are counted in UTF-8 bytes. */
  pathComponentMaxBytes: 255,
  pathMaxBytes: 4096,
  /** Chunk ids are HMAC-SHA-256 digests in lowercase hex. */
  chunkIdPattern: /^[0-9a-f]{64}$/,
  checksumPattern: /^[0-9a-f]{64}$/,
  /** Items one prepareUpload or commitVersions call may carry. */
  maxChunksPerPrepare: 4096,
  maxCommitsPerBatch: 500,
  maxChunksPerVersion: 1_000_000,
  /** Files one deleteFiles, restoreFiles or emptyTrash call may name. */
  maxFilesPerTrashCall: 500,
} as const;
