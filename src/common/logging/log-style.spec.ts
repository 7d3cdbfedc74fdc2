import { chooseLogStyle } from './log-style';

describe('chooseLogStyle', () => {
  it('chooses pretty, interactive lines on a terminal and JSON lines elsewhere when unset', () => {
    expect(chooseLogStyle(undefined, true)).toEqual({ format: 'pretty', interactive: true });
    expect(chooseLogStyle(undefined, false)).toEqual({ format: 'json', interactive: false });
  });

  it('follows LOG_FORMAT over the terminal check, and is interactive only on a terminal', () => {
    expect(chooseLogStyle('json', true)).toEqual({ format: 'json', interactive: false });
    expect(chooseLogStyle('pretty', false)).toEqual({ format: 'pretty', interactive: false });
    expect(chooseLogStyle('pretty', true)).toEqual({ format: 'pretty', interactive: true });
  });
});
