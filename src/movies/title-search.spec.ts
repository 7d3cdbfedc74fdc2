import { normaliseQuery, prefixPattern } from './title-search';

describe('title search helpers', () => {
  it('normalises case and whitespace', () => {
    expect(normaliseQuery('  The   SHAWSHNK\tRedemption ')).toBe('the shawshnk redemption');
  });

  it('escapes LIKE wildcards in a prefix pattern', () => {
    expect(prefixPattern('100%_sure\\')).toBe('100\\%\\_sure\\\\%');
    expect(prefixPattern('toy')).toBe('toy%');
  });
});
