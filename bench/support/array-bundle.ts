import { openSync, closeSync, readFileSync, writeSync } from 'node:fs';

/** The typed arrays a bundle can hold. */
export type BundleArray = Int32Array | Uint32Array | Float32Array | Float64Array;
type BundleType = 'int32' | 'uint32' | 'float32' | 'float64';

interface BundleHeader {
  meta: unknown;
  sections: Array<{ name: string; type: BundleType; length: number }>;
}

const ALIGN = 8;
const pad = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

function typeOf(array: BundleArray): BundleType {
  if (array instanceof Int32Array) return 'int32';
  if (array instanceof Uint32Array) return 'uint32';
  return array instanceof Float32Array ? 'float32' : 'float64';
}

/**
 * Writes named typed arrays plus a JSON `meta` to one file (8-byte length of the JSON header,
 * the header, then each array 8-byte aligned): a cache the benchmarks reload in well under a
 * second instead of re-parsing hundreds of MB of CSV. Not a project format; bench only.
 */
export function writeBundle(
  path: string,
  meta: unknown,
  arrays: Record<string, BundleArray>,
): void {
  const names = Object.keys(arrays);
  const header: BundleHeader = {
    meta,
    sections: names.map((name) => ({
      name,
      type: typeOf(arrays[name]),
      length: arrays[name].length,
    })),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(8 + pad(json.length), 0x20);
  prefix.writeUInt32LE(json.length, 0);
  prefix.writeUInt32LE(0, 4);
  json.copy(prefix, 8);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, prefix);
    for (const name of names) {
      const array = arrays[name];
      writeSync(fd, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      const padding = pad(array.byteLength) - array.byteLength;
      if (padding > 0) writeSync(fd, Buffer.alloc(padding));
    }
  } finally {
    closeSync(fd);
  }
}

/** Reads a bundle written by {@link writeBundle}; the arrays are views on one buffer. */
export function readBundle(path: string): { meta: unknown; arrays: Map<string, BundleArray> } {
  const file = readFileSync(path);
  // Copy into a fresh, 8-byte aligned ArrayBuffer (a Buffer may sit at any offset of a pool).
  const bytes = new Uint8Array(file.byteLength);
  bytes.set(file);
  const jsonLength = file.readUInt32LE(0);
  const header = JSON.parse(file.toString('utf8', 8, 8 + jsonLength)) as BundleHeader;
  const arrays = new Map<string, BundleArray>();
  let offset = 8 + pad(jsonLength);
  for (const { name, type, length } of header.sections) {
    const array =
      type === 'int32'
        ? new Int32Array(bytes.buffer, offset, length)
        : type === 'uint32'
          ? new Uint32Array(bytes.buffer, offset, length)
          : type === 'float32'
            ? new Float32Array(bytes.buffer, offset, length)
            : new Float64Array(bytes.buffer, offset, length);
    arrays.set(name, array);
    offset += pad(array.byteLength);
  }
  return { meta: header.meta, arrays };
}
