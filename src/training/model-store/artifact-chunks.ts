import { createHash } from 'node:crypto';
import { copyOutBinary } from '../../database/copy-out';

/**
 * Bytes per chunk: large enough that a few hundred MiB is under a hundred inserts, small enough
 * that one insert's parameter is a small fraction of the artifact and far below 1 GB.
 */
export const ARTIFACT_CHUNK_BYTES = 4 * 1024 * 1024;

/** Anything that runs SQL and returns rows: a TypeORM DataSource or EntityManager, a test client. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** The whole artifact as `model_versions` records it. */
export interface ArtifactSummary {
  bytes: number;
  sha256: Buffer;
}

/** A stored artifact that does not match its recorded size or checksums: never served. */
export class ArtifactIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArtifactIntegrityError';
  }
}

const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();

/**
 * Writes `artifact` as rows of `model_artifact_chunks` (each a view of the input, never a
 * copy) and returns its size and SHA-256 for `model_versions`. Call it inside the transaction
 * that marks the version stored, so a half-written artifact never becomes visible.
 */
export async function writeArtifactChunks(
  db: Queryable,
  version: number,
  artifact: Uint8Array,
  chunkBytes = ARTIFACT_CHUNK_BYTES,
): Promise<ArtifactSummary> {
  const whole = createHash('sha256');
  const view = Buffer.from(artifact.buffer, artifact.byteOffset, artifact.byteLength);
  for (let seq = 0, offset = 0; offset < view.length || seq === 0; seq++, offset += chunkBytes) {
    const chunk = view.subarray(offset, offset + chunkBytes);
    whole.update(chunk);
    await db.query(
      `INSERT INTO model_artifact_chunks (version, seq, bytes, sha256) VALUES ($1, $2, $3, $4)`,
      [version, seq, chunk, sha256(chunk)],
    );
  }
  return { bytes: view.length, sha256: whole.digest() };
}

/** The fixed start of binary COPY output: signature, flags, header extension length. */
const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** Reads a binary COPY stream field by field, handing large fields on as views of each piece. */
class CopyFieldReader {
  private piece: Buffer = Buffer.alloc(0);
  private at = 0;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** The next `n` bytes, copied (for the small fields). */
  async take(n: number): Promise<Buffer> {
    const out = Buffer.alloc(n);
    await this.forward(n, (view, offset) => view.copy(out, offset));
    return out;
  }

  /** Hands the next `n` bytes to `sink` in the pieces they arrived in, without copying. */
  async forward(n: number, sink: (view: Buffer, offset: number) => void): Promise<void> {
    for (let done = 0; done < n;) {
      while (this.at >= this.piece.length) {
        const next = await this.source.next();
        if (next.done) throw new ArtifactIntegrityError('the artifact stream ended early');
        this.piece = next.value;
        this.at = 0;
      }
      const k = Math.min(n - done, this.piece.length - this.at);
      sink(this.piece.subarray(this.at, this.at + k), done);
      this.at += k;
      done += k;
    }
  }

  async int16(): Promise<number> {
    return (await this.take(2)).readInt16BE(0);
  }

  async int32(): Promise<number> {
    return (await this.take(4)).readInt32BE(0);
  }
}

/**
 * Reads a stored artifact with one binary COPY of its chunks, in order, straight into one
 * buffer allocated once at the recorded size (its own ArrayBuffer, never a pooled slab): the
 * bytes are held once, plus the socket's piece in flight, whatever the artifact's size. Checks
 * each chunk's SHA-256 as it streams past, then the total size and the whole SHA-256; throws
 * ArtifactIntegrityError when any of them differs or a chunk is missing.
 */
export async function readArtifactChunks(
  databaseUrl: string,
  version: number,
  summary: ArtifactSummary,
): Promise<Buffer> {
  if (!Number.isSafeInteger(version)) throw new Error(`not a version: ${version}`);
  const target = Buffer.allocUnsafeSlow(summary.bytes);
  const whole = createHash('sha256');
  const source = copyOutBinary(
    databaseUrl,
    `SELECT seq, sha256, bytes FROM model_artifact_chunks WHERE version = ${version} ORDER BY seq`,
  );
  const reader = new CopyFieldReader(source[Symbol.asyncIterator]());
  try {
    const header = await reader.take(COPY_SIGNATURE.length + 8);
    if (!header.subarray(0, COPY_SIGNATURE.length).equals(COPY_SIGNATURE)) {
      throw new Error('not a binary COPY stream');
    }
    await reader.take(header.readInt32BE(COPY_SIGNATURE.length + 4));
    let offset = 0;
    for (let seq = 0; (await reader.int16()) !== -1; seq++) {
      await reader.int32();
      const storedSeq = await reader.int32();
      if (storedSeq !== seq) {
        throw new ArtifactIntegrityError(`artifact of version ${version} lacks chunk ${seq}`);
      }
      const expected = await reader.take(await reader.int32());
      const length = await reader.int32();
      if (offset + length > summary.bytes) {
        throw new ArtifactIntegrityError(
          `artifact of version ${version} is longer than its recorded ${summary.bytes} bytes`,
        );
      }
      const chunk = createHash('sha256');
      await reader.forward(length, (view) => {
        offset += view.copy(target, offset);
        chunk.update(view);
        whole.update(view);
      });
      if (!chunk.digest().equals(expected)) {
        throw new ArtifactIntegrityError(`chunk ${seq} of version ${version} fails its checksum`);
      }
    }
    if (offset !== summary.bytes) {
      throw new ArtifactIntegrityError(
        `artifact of version ${version} has ${offset} of its ${summary.bytes} bytes`,
      );
    }
  } finally {
    await source.return(undefined);
  }
  if (!whole.digest().equals(summary.sha256)) {
    throw new ArtifactIntegrityError(`artifact of version ${version} fails its checksum`);
  }
  return target;
}
