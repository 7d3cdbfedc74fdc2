import { normaliseImdbId } from './imdb-id';

describe('normaliseImdbId', () => {
  it('writes every accepted form as tt and 7+ zero-padded digits', () => {
    expect(normaliseImdbId('tt0114709')).toBe('tt0114709');
    expect(normaliseImdbId('0114709')).toBe('tt0114709');
    expect(normaliseImdbId('tt114709')).toBe('tt0114709');
    expect(normaliseImdbId('TT0114709')).toBe('tt0114709');
    expect(normaliseImdbId('tt10872600')).toBe('tt10872600');
  });

  it('refuses what is not an IMDb id', () => {
    for (const bad of [
      '',
      'tt',
      'tt0',
      'abc',
      'tt12345678901',
      'tt01147O9',
      ' tt0114709',
      'nm0000001',
    ]) {
      expect(normaliseImdbId(bad)).toBeNull();
    }
  });
});
