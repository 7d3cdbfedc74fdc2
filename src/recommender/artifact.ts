import { crc32 } from 'node:zlib';
import { ModelParams, RecommenderModel } from './model';
import { RecommenderError } from './recommender-error';
import { DEFAULT_SCORING_OPTIONS } from './scoring-options';

/**
 * Model artifact layout (all integers little-endian):
 *   bytes 0..3   magic "MVRM"
 *   bytes 4..7   format version (uint32)
 *   bytes 8..11  header length H (uint32)
 *   bytes 12..   header: UTF-8 JSON { params, trainedAt, counts, genreNames, contentDim,
 *                sections: [{ name, type, length }] }, padded with spaces to a multiple of 4
 *   then         each section's typed-array bytes in header order, each padded to 4 bytes
 *   last 4 bytes CRC-32 of every byte before it.
 * Version 2 added EASE's dense block (two sections, empty without one); version 1 artifacts,
 * stored before it, still load (with no block: they score as they did).
 */
export const MODEL_MAGIC = 'MVRM';
export const MODEL_FORMAT_VERSION = 2;

type SectionType = 'int32' | 'uint32' | 'float32';
type SectionArray = Int32Array | Uint32Array | Float32Array;
const SECTION_NAMES = [
  'itemIds',
  'neighbourIndptr',
  'neighbourIndices',
  'neighbourWeights',
  'popularity',
  'contentVectors',
  'genreBits',
  'easeBlockItems',
  'easeBlockWeights',
] as const;
type SectionName = (typeof SECTION_NAMES)[number];

/** The sections each readable format version holds, in order. */
const SECTIONS_BY_VERSION = new Map<number, readonly SectionName[]>([
  [1, SECTION_NAMES.slice(0, 7)],
  [2, [...SECTION_NAMES]],
]);

interface Header {
  params: ModelParams;
  trainedAt: number;
  counts: RecommenderModel['counts'];
  genreNames: string[];
  contentDim: number;
  sections: Array<{ name: SectionName; type: SectionType; length: number }>;
}

function sectionsOf(model: RecommenderModel): Record<SectionName, SectionArray> {
  return {
    itemIds: model.itemIds,
    neighbourIndptr: model.neighbours.indptr,
    neighbourIndices: model.neighbours.indices,
    neighbourWeights: model.neighbours.values,
    popularity: model.popularity,
    contentVectors: model.content.values,
    genreBits: model.genreBits,
    easeBlockItems: model.easeBlock?.items ?? new Int32Array(0),
    easeBlockWeights: model.easeBlock?.weights ?? new Float32Array(0),
  };
}

function typeOf(array: SectionArray): SectionType {
  if (array instanceof Int32Array) return 'int32';
  return array instanceof Uint32Array ? 'uint32' : 'float32';
}

const pad4 = (n: number): number => (n + 3) & ~3;

/** Serialises a model into the binary artifact (see the layout above). */
export function encodeModel(model: RecommenderModel): Buffer {
  const arrays = sectionsOf(model);
  const header: Header = {
    params: model.params,
    trainedAt: model.trainedAt,
    counts: model.counts,
    genreNames: model.genreNames,
    contentDim: model.content.dim,
    sections: SECTION_NAMES.map((name) => ({
      name,
      type: typeOf(arrays[name]),
      length: arrays[name].length,
    })),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headerLength = pad4(json.length);
  const payload = SECTION_NAMES.reduce((sum, name) => sum + pad4(arrays[name].byteLength), 0);
  const buffer = Buffer.alloc(12 + headerLength + payload + 4, 0);
  buffer.write(MODEL_MAGIC, 0, 'latin1');
  buffer.writeUInt32LE(MODEL_FORMAT_VERSION, 4);
  buffer.writeUInt32LE(headerLength, 8);
  buffer.fill(0x20, 12, 12 + headerLength);
  json.copy(buffer, 12);
  let offset = 12 + headerLength;
  for (const name of SECTION_NAMES) {
    const array = arrays[name];
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(buffer, offset);
    offset += pad4(array.byteLength);
  }
  buffer.writeUInt32LE(crc32(buffer.subarray(0, offset)), offset);
  return buffer;
}

/**
 * The artifact's checksum as the store records it: the CRC-32 its trailer holds (hex), read,
 * not recomputed. decodeModel verifies that CRC against the bytes, once, at every load.
 */
export function artifactChecksum(artifact: Uint8Array): string {
  if (artifact.length < 4) fail('MODEL_TRUNCATED', 'Model artifact is truncated');
  const view = Buffer.from(artifact.buffer, artifact.byteOffset, artifact.byteLength);
  return view
    .readUInt32LE(artifact.length - 4)
    .toString(16)
    .padStart(8, '0');
}

function fail(code: 'MODEL_TRUNCATED' | 'MODEL_CORRUPT', message: string): never {
  throw new RecommenderError(code, message);
}

/** Reads and checks the fixed prefix and the JSON header. */
function readHeader(buffer: Uint8Array): { header: Header; payloadStart: number } {
  const view = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (view.length < 16)
    fail('MODEL_TRUNCATED', `Model artifact is truncated (${view.length} bytes)`);
  if (view.toString('latin1', 0, 4) !== MODEL_MAGIC) {
    throw new RecommenderError('MODEL_BAD_MAGIC', 'Not a model artifact (bad magic bytes)');
  }
  const version = view.readUInt32LE(4);
  const expectedSections = SECTIONS_BY_VERSION.get(version);
  if (!expectedSections) {
    throw new RecommenderError(
      'MODEL_UNSUPPORTED_VERSION',
      `Model format version ${version} is not supported (this build reads ` +
        `${[...SECTIONS_BY_VERSION.keys()].join(' and ')})`,
    );
  }
  const headerLength = view.readUInt32LE(8);
  if (12 + headerLength + 4 > view.length) fail('MODEL_TRUNCATED', 'Model artifact is truncated');
  let header: Header;
  try {
    header = JSON.parse(view.toString('utf8', 12, 12 + headerLength)) as Header;
  } catch {
    return fail('MODEL_CORRUPT', 'Model artifact header is not valid JSON');
  }
  const names = Array.isArray(header.sections) ? header.sections.map((s) => s.name) : [];
  if (names.join() !== expectedSections.join())
    fail('MODEL_CORRUPT', 'Model artifact sections differ');
  return { header, payloadStart: 12 + headerLength };
}

/**
 * One section as a typed array: a view over the artifact's own memory when `share` is set and
 * the section is 4-byte aligned in it (no second copy of the bytes), else a fresh aligned copy
 * (the input may be a Buffer from a shared pool or an unaligned view).
 */
function readSection(
  buffer: Uint8Array,
  offset: number,
  type: SectionType,
  length: number,
  share: boolean,
): SectionArray {
  const start = buffer.byteOffset + offset;
  const shared = share && start % 4 === 0;
  const source = shared ? buffer.buffer : new Uint8Array(length * 4).buffer;
  const at = shared ? start : 0;
  if (!shared) new Uint8Array(source).set(buffer.subarray(offset, offset + length * 4));
  if (type === 'int32') return new Int32Array(source, at, length);
  if (type === 'uint32') return new Uint32Array(source, at, length);
  return new Float32Array(source, at, length);
}

/**
 * Parses an artifact written by {@link encodeModel}. Refuses, with a RecommenderError whose
 * code says why, a wrong magic (MODEL_BAD_MAGIC), another format version
 * (MODEL_UNSUPPORTED_VERSION), missing bytes (MODEL_TRUNCATED), and a checksum mismatch or
 * inconsistent sections (MODEL_CORRUPT), so a damaged file is never served.
 *
 * With `share: true` the model's arrays are views over `buffer` itself, so a loaded artifact is
 * held once: only for a buffer the caller owns and never writes to again.
 */
export function decodeModel(
  buffer: Uint8Array,
  options: { share?: boolean } = {},
): RecommenderModel {
  const { header, payloadStart } = readHeader(buffer);
  const expected =
    payloadStart + header.sections.reduce((sum, section) => sum + pad4(section.length * 4), 0);
  if (buffer.length < expected + 4) fail('MODEL_TRUNCATED', 'Model artifact is truncated');
  if (buffer.length > expected + 4) fail('MODEL_CORRUPT', 'Model artifact has trailing bytes');
  const stored = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength).readUInt32LE(
    expected,
  );
  if (crc32(buffer.subarray(0, expected)) !== stored) {
    fail('MODEL_CORRUPT', 'Model artifact checksum mismatch');
  }
  const arrays: Partial<Record<SectionName, SectionArray>> = {};
  let offset = payloadStart;
  for (const section of header.sections) {
    arrays[section.name] = readSection(
      buffer,
      offset,
      section.type,
      section.length,
      options.share === true,
    );
    offset += pad4(section.length * 4);
  }
  arrays.easeBlockItems ??= new Int32Array(0);
  arrays.easeBlockWeights ??= new Float32Array(0);
  return assembleModel(header, arrays as Record<SectionName, SectionArray>);
}

function assembleModel(
  header: Header,
  arrays: Record<SectionName, SectionArray>,
): RecommenderModel {
  const nItems = arrays.itemIds.length;
  const indptr = arrays.neighbourIndptr as Int32Array;
  const indices = arrays.neighbourIndices as Int32Array;
  const consistent =
    indptr.length === nItems + 1 &&
    indptr[nItems] === indices.length &&
    arrays.neighbourWeights.length === indices.length &&
    arrays.popularity.length === nItems &&
    arrays.genreBits.length === nItems &&
    arrays.contentVectors.length === nItems * header.contentDim &&
    indices.every((item) => item >= 0 && item < nItems) &&
    isDenseBlockConsistent(arrays.easeBlockItems as Int32Array, arrays.easeBlockWeights, nItems);
  if (!consistent) fail('MODEL_CORRUPT', 'Model artifact sections are inconsistent');
  const blockItems = arrays.easeBlockItems as Int32Array;
  return {
    // A model stored before a scoring option existed serves with that option's default.
    params: {
      ...header.params,
      scoring: { ...DEFAULT_SCORING_OPTIONS, ...header.params.scoring },
    },
    trainedAt: header.trainedAt,
    counts: header.counts,
    itemIds: arrays.itemIds as Int32Array,
    neighbours: {
      nRows: nItems,
      nCols: nItems,
      indptr,
      indices,
      values: arrays.neighbourWeights as Float32Array,
    },
    ...(blockItems.length > 0 && {
      easeBlock: { items: blockItems, weights: arrays.easeBlockWeights as Float32Array },
    }),
    popularity: arrays.popularity as Float32Array,
    content: { dim: header.contentDim, values: arrays.contentVectors as Float32Array },
    genreBits: arrays.genreBits as Uint32Array,
    genreNames: header.genreNames,
  };
}

/** n distinct items of the catalog and n x n weights. */
function isDenseBlockConsistent(items: Int32Array, weights: SectionArray, nItems: number): boolean {
  if (weights.length !== items.length * items.length) return false;
  const seen = new Uint8Array(nItems);
  for (const item of items) {
    if (item < 0 || item >= nItems || seen[item] === 1) return false;
    seen[item] = 1;
  }
  return true;
}
