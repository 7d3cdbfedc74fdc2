import { once } from 'node:events';
import { createWriteStream, WriteStream } from 'node:fs';

const FLUSH_CHARS = 1 << 20;

/** A buffered file writer that waits for the disk (back-pressure), in UTF-8 or Latin-1. */
export class TextSink {
  private readonly stream: WriteStream;
  private parts: string[] = [];
  private size = 0;

  constructor(
    path: string,
    private readonly encoding: 'utf8' | 'latin1' = 'utf8',
  ) {
    this.stream = createWriteStream(path);
  }

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = Buffer.from(this.parts.join(''), this.encoding);
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
