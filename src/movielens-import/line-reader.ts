import { createReadStream } from 'node:fs';

/** A run of consecutive lines of a file; `firstLine` is the 1-based number of `lines[0]`. */
export interface LineBatch {
  lines: string[];
  firstLine: number;
  /** Bytes of the file read so far (for progress). */
  bytesRead: number;
}

export type TextEncoding = 'utf-8' | 'latin1';

const CHUNK_BYTES = 1 << 20;

/**
 * Streams a text file as batches of lines, holding one chunk (1 MiB) and one partial line at a
 * time whatever the file's size. Line ends are LF or CRLF (the CR is dropped). Decoding is
 * streaming, so a UTF-8 character split across two chunks is decoded whole.
 */
export async function* readLineBatches(
  path: string,
  encoding: TextEncoding,
): AsyncGenerator<LineBatch> {
  const decoder = new TextDecoder(encoding);
  let rest = '';
  let lineNumber = 1;
  let bytesRead = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    const bytes = chunk as Buffer;
    bytesRead += bytes.length;
    const text = rest + decoder.decode(bytes, { stream: true });
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    if (lines.length === 0) continue;
    yield { lines: lines.map(dropCarriageReturn), firstLine: lineNumber, bytesRead };
    lineNumber += lines.length;
  }
  rest += decoder.decode();
  if (rest !== '') yield { lines: [dropCarriageReturn(rest)], firstLine: lineNumber, bytesRead };
}

function dropCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
