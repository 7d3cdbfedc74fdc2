/**
 * Limits on the shape of a JSON request body, checked on its bytes before it is parsed: past
 * them, parsing and validation cost far more than the body's size suggests.
 */
export interface JsonShapeLimits {
  /**
   * Deepest nesting of objects and arrays. class-transformer and class-validator recurse per
   * level, and 20,000 levels overflow the stack (the API's deepest body has 3).
   */
  maxDepth: number;
  /**
   * Most keys in one object. class-transformer de-duplicates an object's keys in quadratic time:
   * 80,000 unknown keys took seconds of event-loop time (no DTO has more than a dozen fields).
   */
  maxKeysPerObject: number;
  /** Most values in all (object members plus array elements): bounds the linear work. */
  maxValues: number;
}

export const JSON_SHAPE_LIMITS: JsonShapeLimits = {
  maxDepth: 16,
  maxKeysPerObject: 100,
  // The batch feedback route takes 1,000 events of a few fields each.
  maxValues: 20_000,
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
const LETTER_U = 0x75;
const DIGIT_ZERO = 0x30;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Whether `bytes[at..]` is the escape `u0000` (NUL) that follows a backslash. */
function isNulEscape(bytes: Uint8Array, at: number): boolean {
  return (
    bytes[at] === LETTER_U &&
    bytes[at + 1] === DIGIT_ZERO &&
    bytes[at + 2] === DIGIT_ZERO &&
    bytes[at + 3] === DIGIT_ZERO &&
    bytes[at + 4] === DIGIT_ZERO
  );
}

/**
 * Why a UTF-8 JSON text breaks the limits or holds a NUL character (`\u0000`, which PostgreSQL
 * text cannot store), or null when it does neither. One pass over the bytes with no recursion
 * and no allocation beyond two arrays of `maxDepth` entries; it stops at the first violation.
 * Structure is found by bytes below 0x80, which in UTF-8 are never part of a multi-byte
 * character. Text that is not valid JSON is left for the parser to refuse.
 */
export function jsonShapeViolation(
  bytes: Uint8Array,
  limits: JsonShapeLimits = JSON_SHAPE_LIMITS,
): string | null {
  // Per open container (index = depth): whether it is an array, and its members so far.
  const isArray = new Uint8Array(limits.maxDepth + 1);
  const members = new Uint32Array(limits.maxDepth + 1);
  let depth = 0;
  let values = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) {
        if (isNulEscape(bytes, i + 1)) return NUL_MESSAGE;
        i++; // the escaped character cannot end the string
      } else if (byte === QUOTE) {
        inString = false;
      }
      continue;
    }
    if (isWhitespace(byte)) continue;
    // The first element of an array; later ones are counted at their commas.
    if (depth > 0 && isArray[depth] === 1 && members[depth] === 0 && byte !== CLOSE_ARRAY) {
      members[depth] = 1;
      if (++values > limits.maxValues) return tooManyValues(limits);
    }
    switch (byte) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        if (++depth > limits.maxDepth) return tooDeep(limits);
        isArray[depth] = byte === OPEN_ARRAY ? 1 : 0;
        members[depth] = 0;
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        if (depth > 0) depth--;
        break;
      case COLON:
        if (depth > 0 && isArray[depth] === 0) {
          if (++members[depth] > limits.maxKeysPerObject) return tooManyKeys(limits);
          if (++values > limits.maxValues) return tooManyValues(limits);
        }
        break;
      case COMMA:
        if (depth > 0 && isArray[depth] === 1) {
          members[depth]++;
          if (++values > limits.maxValues) return tooManyValues(limits);
        }
        break;
    }
  }
  return null;
}

const NUL_MESSAGE =
  'Request body must not contain the NUL character (\\u0000): remove it from every string';

function tooDeep(limits: JsonShapeLimits): string {
  return `Request body is nested more than ${limits.maxDepth} levels deep: send the documented fields only`;
}

function tooManyKeys(limits: JsonShapeLimits): string {
  return `Request body has an object with more than ${limits.maxKeysPerObject} keys: send the documented fields only`;
}

function tooManyValues(limits: JsonShapeLimits): string {
  return `Request body holds more than ${limits.maxValues} values: send fewer items per request`;
}
