import { crc32 } from 'node:zlib';
import { decodeModel, encodeModel } from './artifact';
import { RecommenderModel } from './model';
import { resolveModelOptions } from './model-options';
import { RecommenderError } from './recommender-error';

function sampleModel(): RecommenderModel {
  const options = resolveModelOptions({});
  return {
    params: { ...options, algorithm: 'item-knn', easeLambda: 1000 },
    trainedAt: 1700000000,
    counts: { users: 2, items: 3, interactions: 4 },
    itemIds: Int32Array.from([1, 2, 50]),
    neighbours: {
      nRows: 3,
      nCols: 3,
      indptr: Int32Array.from([0, 2, 3, 3]),
      indices: Int32Array.from([1, 2, 0]),
      values: Float32Array.from([0.5, 0.25, 0.75]),
    },
    popularity: Float32Array.from([3, 1, 0]),
    content: { dim: 2, values: Float32Array.from([1, 0, 0, 1, 0.6, 0.8]) },
    genreBits: Uint32Array.from([1, 2, 3]),
    genreNames: ['Drama', 'Comédie'],
  };
}

function withBlock(model: RecommenderModel): RecommenderModel {
  return {
    ...model,
    params: { ...model.params, algorithm: 'ease', easeDenseScoring: true },
    easeBlock: { items: Int32Array.from([2, 0]), weights: Float32Array.from([0, 0.5, -0.25, 0]) },
  };
}

/**
 * The same model as format version 1 wrote it, before the dense block: version 1 in the prefix,
 * the header without the block's two sections (empty at their end, so no payload bytes move),
 * and the CRC-32 of the result.
 */
function asVersion1(artifact: Buffer): Buffer {
  const headerLength = artifact.readUInt32LE(8);
  const header = JSON.parse(artifact.toString('utf8', 12, 12 + headerLength));
  header.sections = header.sections.slice(0, 7);
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const newLength = (json.length + 3) & ~3;
  const payload = artifact.subarray(12 + headerLength, artifact.length - 4);
  const out = Buffer.alloc(12 + newLength + payload.length + 4, 0x20);
  out.write('MVRM', 0, 'latin1');
  out.writeUInt32LE(1, 4);
  out.writeUInt32LE(newLength, 8);
  json.copy(out, 12);
  payload.copy(out, 12 + newLength);
  out.writeUInt32LE(crc32(out.subarray(0, out.length - 4)), out.length - 4);
  return out;
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof RecommenderError ? error.code : 'OTHER';
  }
  return undefined;
}

describe('model artifact', () => {
  it('round-trips every section and the header', () => {
    const model = sampleModel();
    const bytes = encodeModel(model);
    expect(bytes.length % 4).toBe(0);
    expect(decodeModel(bytes)).toEqual(model);
  });

  it('round-trips EASE’s dense block', () => {
    const model = withBlock(sampleModel());
    expect(decodeModel(encodeModel(model))).toEqual(model);
  });

  it('still reads a version 1 artifact, stored before the dense block, as a model without one', () => {
    const old = asVersion1(encodeModel(sampleModel()));
    expect(old.readUInt32LE(4)).toBe(1);
    const decoded = decodeModel(old);
    expect(decoded).toEqual(sampleModel());
    expect(decoded.easeBlock).toBeUndefined();
  });

  it('refuses a dense block that is not n x n weights over n distinct movies', () => {
    const model = withBlock(sampleModel());
    const short = { ...model, easeBlock: { ...model.easeBlock!, weights: new Float32Array(3) } };
    expect(codeOf(() => decodeModel(encodeModel(short)))).toBe('MODEL_CORRUPT');
    const twice = { ...model, easeBlock: { ...model.easeBlock!, items: Int32Array.from([2, 2]) } };
    expect(codeOf(() => decodeModel(encodeModel(twice)))).toBe('MODEL_CORRUPT');
    const outside = {
      ...model,
      easeBlock: { ...model.easeBlock!, items: Int32Array.from([2, 3]) },
    };
    expect(codeOf(() => decodeModel(encodeModel(outside)))).toBe('MODEL_CORRUPT');
  });

  it('decodes from an unaligned view of a larger buffer', () => {
    const bytes = encodeModel(sampleModel());
    const larger = new Uint8Array(bytes.length + 1);
    larger.set(bytes, 1);
    expect(decodeModel(larger.subarray(1)).itemIds).toEqual(Int32Array.from([1, 2, 50]));
  });

  it('shares the artifact memory when asked, and copies an unaligned view even then', () => {
    const bytes = encodeModel(sampleModel());
    const owned = new Uint8Array(bytes.length);
    owned.set(bytes);
    const shared = decodeModel(owned, { share: true });
    expect(shared).toEqual(sampleModel());
    expect(shared.itemIds.buffer).toBe(owned.buffer);
    expect(shared.content.values.buffer).toBe(owned.buffer);
    expect(decodeModel(owned).itemIds.buffer).not.toBe(owned.buffer);
    const larger = new Uint8Array(bytes.length + 1);
    larger.set(bytes, 1);
    const unaligned = decodeModel(larger.subarray(1), { share: true });
    expect(unaligned.itemIds.buffer).not.toBe(larger.buffer);
    expect(unaligned.itemIds).toEqual(Int32Array.from([1, 2, 50]));
  });

  it('refuses truncated bytes', () => {
    const bytes = encodeModel(sampleModel());
    expect(codeOf(() => decodeModel(bytes.subarray(0, bytes.length - 10)))).toBe('MODEL_TRUNCATED');
    expect(codeOf(() => decodeModel(bytes.subarray(0, 8)))).toBe('MODEL_TRUNCATED');
  });

  it('refuses a flipped payload byte by its checksum', () => {
    const bytes = Buffer.from(encodeModel(sampleModel()));
    bytes[bytes.length - 12] ^= 0xff;
    expect(codeOf(() => decodeModel(bytes))).toBe('MODEL_CORRUPT');
  });

  it('refuses other magic bytes and an unknown format version', () => {
    const bytes = Buffer.from(encodeModel(sampleModel()));
    const wrongMagic = Buffer.from(bytes);
    wrongMagic.write('JSON', 0, 'latin1');
    expect(codeOf(() => decodeModel(wrongMagic))).toBe('MODEL_BAD_MAGIC');
    bytes.writeUInt32LE(99, 4);
    expect(codeOf(() => decodeModel(bytes))).toBe('MODEL_UNSUPPORTED_VERSION');
  });
});
