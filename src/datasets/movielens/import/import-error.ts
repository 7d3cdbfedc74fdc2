/** A line of a MovieLens file that cannot be imported; nothing of the import is kept. */
export class MovieLensImportError extends Error {
  constructor(
    readonly file: string,
    /** 1-based; null for an error about the folder or the file as a whole. */
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(line === null ? `${file}: ${reason}` : `${file} line ${line}: ${reason}`);
    this.name = 'MovieLensImportError';
  }
}

/** Thrown by the line parsers; the reader adds the file name and line number. */
export class BadLineError extends Error {}
