export type LogFormat = 'pretty' | 'json';

export interface LogStyle {
  format: LogFormat;
  /**
   * Pretty lines to a terminal: a person is watching, so colours, progress bars and `\r` lines
   * may be used. Never true for a pipe or a file.
   */
  interactive: boolean;
}

/**
 * LOG_FORMAT when set; otherwise pretty lines for a person at a terminal and JSON lines for
 * anything else (a pipe, a file, a log collector), whose shape machines rely on. A `pretty`
 * forced into a file stays plain text.
 */
export function chooseLogStyle(configured: LogFormat | undefined, isTerminal: boolean): LogStyle {
  const format = configured ?? (isTerminal ? 'pretty' : 'json');
  return { format, interactive: format === 'pretty' && isTerminal };
}
