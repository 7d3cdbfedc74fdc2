import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FieldLayout } from './copy-rows';
import { MovieLensImportError } from './import-error';
import { readRatings } from './rating-lines';

const work = mkdtempSync(join(tmpdir(), 'rating-lines-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function ratingsOf(
  text: string,
  layout: FieldLayout = 'csv',
  hasHeader = layout === 'csv',
): Promise<Array<[number, number, number, number]>> {
  const path = join(work, `ratings-${Math.random()}`);
  writeFileSync(path, text);
  const rows: Array<[number, number, number, number]> = [];
  for await (const b of readRatings({ path, file: 'ratings.csv', layout, hasHeader })) {
    for (let i = 0; i < b.count; i++) {
      rows.push([b.users[i], b.movies[i], b.halves[i] / 2, b.seconds[i]]);
    }
  }
  return rows;
}

describe('readRatings', () => {
  it('reads CSV with a header, CRLF line ends, blank lines and no final line end', async () => {
    expect(
      await ratingsOf('userId,movieId,rating,timestamp\r\n1,31,2.5,1260759144\r\n\r\n2,7,5,-3'),
    ).toEqual([
      [1, 31, 2.5, 1260759144],
      [2, 7, 5, -3],
    ]);
  });

  it('reads "::" and tab separated files', async () => {
    expect(await ratingsOf('1::31::4::978300760\n', 'dat')).toEqual([[1, 31, 4, 978300760]]);
    expect(await ratingsOf('196\t242\t3\t881250949\n', 'tab')).toEqual([[196, 242, 3, 881250949]]);
  });

  it('leaves unusual but valid lines to the strict parser', async () => {
    expect(await ratingsOf('"1",31,4.50,7\n1234567890,2,1,8\n', 'csv', false)).toEqual([
      [1, 31, 4.5, 7],
      [1234567890, 2, 1, 8],
    ]);
  });

  it('names the file and line of a bad rating, counting the header and blank lines', async () => {
    const bad = 'userId,movieId,rating,timestamp\n1,2,3,4\n\n1,3,4.25,5\n';
    await expect(ratingsOf(bad)).rejects.toThrow(MovieLensImportError);
    await expect(ratingsOf(bad)).rejects.toThrow(
      'ratings.csv line 4: rating "4.25" is not 0.5 to 5.0 in steps of 0.5',
    );
    await expect(ratingsOf('1,0,4,5\n', 'csv', false)).rejects.toThrow(/movie id "0"/);
    await expect(ratingsOf('1,2,0,5\n', 'csv', false)).rejects.toThrow(/rating "0"/);
  });

  it('reads lines across its 1 MiB chunks whole', async () => {
    const lines = Array.from({ length: 60_000 }, (_, i) => `${i + 1},${(i % 97) + 1},3.5,${i}\n`);
    const rows = await ratingsOf(lines.join(''), 'csv', false);
    expect(rows).toHaveLength(60_000);
    expect(rows[59_999]).toEqual([60_000, (59_999 % 97) + 1, 3.5, 59_999]);
  });
});
