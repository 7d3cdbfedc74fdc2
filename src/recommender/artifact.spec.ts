import { decodeModel, encodeModel } from './artifact';
import { RecommenderModel } from './model';
import { resolveModelOptions } from './model-options';
import { RecommenderError } from './recommender-error';

function sampleModel(): RecommenderModel {
  const options = resolveModelOptions({});
  return {
    params: { ...options, algorithm: 'item-knn' },
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
