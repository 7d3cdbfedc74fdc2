import { createReadStream } from 'node:fs';

/** Whole lines of a file, in the order read; `firstLine` is the 1-based number of the first. */
export interface TextChunk {
  /** Complete lines, each ending in "\n" (a last line without one gets it added). */
  text: string;
  firstLine: number;
  lineCount: number;
  /** Bytes of the file read so far (for progress). */
  bytesRead: number;
}

export interface LineBatch {
  /** The chunk's lines without their line ends (CR of CRLF dropped too). */
  lines: string[];
  firstLine: number;
  bytesRead: number;
}

export type TextEncoding = 'utf-8' | 'latin1';

const CHUNK_BYTES = 1 << 20;

/** Lines in `text`: the number of "\n" in it. */
export function countLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * Streams a text file as chunks of whole lines, holding one chunk (1 MiB) and one partial line
 * at a time whatever the file's size. Decoding is streaming, so a UTF-8 character split across
 * two reads is decoded whole.
 */
export async function* readTextChunks(
  path: string,
  encoding: TextEncoding,
): AsyncGenerator<TextChunk> {
  const decoder = new TextDecoder(encoding);
  let rest = '';
  let firstLine = 1;
  let bytesRead = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    const bytes = chunk as Buffer;
    bytesRead += bytes.length;
    const text = rest + decoder.decode(bytes, { stream: true });
    const end = text.lastIndexOf('\n') + 1;
    rest = text.slice(end);
    if (end === 0) continue;
    const lineCount = countLines(text.slice(0, end));
    yield { text: text.slice(0, end), firstLine, lineCount, bytesRead };
    firstLine += lineCount;
  }
  rest += decoder.decode();
  if (rest !== '') yield { text: `${rest}\n`, firstLine, lineCount: 1, bytesRead };
}

/** The lines of a chunk without their line ends; LF or CRLF. */
export function linesOf(chunk: TextChunk): string[] {
  const lines = chunk.text.split('\n');
  lines.pop();
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/** Streams a text file as batches of lines (see readTextChunks). */
export async function* readLineBatches(
  path: string,
  encoding: TextEncoding,
): AsyncGenerator<LineBatch> {
  for await (const chunk of readTextChunks(path, encoding)) {
    yield { lines: linesOf(chunk), firstLine: chunk.firstLine, bytesRead: chunk.bytesRead };
  }
}
