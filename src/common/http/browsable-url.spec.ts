import { browsableUrl } from './browsable-url';

describe('browsableUrl', () => {
  it('shows a wildcard host as localhost', () => {
    expect(browsableUrl('0.0.0.0', 3000)).toBe('http://localhost:3000');
    expect(browsableUrl('::', 8080)).toBe('http://localhost:8080');
  });

  it('keeps a named host or address, bracketing IPv6', () => {
    expect(browsableUrl('127.0.0.1', 41234)).toBe('http://127.0.0.1:41234');
    expect(browsableUrl('movies.internal', 3000)).toBe('http://movies.internal:3000');
    expect(browsableUrl('::1', 3000)).toBe('http://[::1]:3000');
  });
});
