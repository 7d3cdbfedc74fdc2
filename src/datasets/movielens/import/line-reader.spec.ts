import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLineBatches } from './line-reader';

describe('readLineBatches', () => {
  const dir = mkdtempSync(join(tmpdir(), 'line-reader-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function read(bytes: Buffer, encoding: 'utf-8' | 'latin1'): Promise<string[]> {
    const path = join(dir, 'file.txt');
    writeFileSync(path, bytes);
    const lines: string[] = [];
    for await (const batch of readLineBatches(path, encoding)) lines.push(...batch.lines);
    return lines;
  }

  it('drops CR of CRLF ends and keeps a last line without a newline', async () => {
    expect(await read(Buffer.from('a,1\r\nb,2\r\nc,3'), 'utf-8')).toEqual(['a,1', 'b,2', 'c,3']);
  });

  it('decodes Latin-1 files', async () => {
    expect(await read(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]), 'latin1')).toEqual(['Café']);
  });

  it('numbers lines across batches', async () => {
    const text = Array.from({ length: 200000 }, (_, i) => `line ${i + 1}`).join('\n');
    const path = join(dir, 'long.txt');
    writeFileSync(path, text);
    let last = { line: 0, text: '' };
    for await (const batch of readLineBatches(path, 'utf-8')) {
      last = { line: batch.firstLine + batch.lines.length - 1, text: batch.lines.at(-1) ?? '' };
    }
    expect(last).toEqual({ line: 200000, text: 'line 200000' });
  });
});
