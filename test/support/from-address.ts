import { request } from 'node:http';
import { HttpResponse } from './http';

export interface FromAddressOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * One HTTP request whose TCP connection leaves from `localAddress` (any of 127.0.0.0/8 on
 * Linux), so that the server sees it as a distinct client without trusting any header.
 */
export function requestFrom<T = any>(
  localAddress: string,
  url: string,
  options: FromAddressOptions = {},
): Promise<HttpResponse<T>> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: options.method ?? 'GET', headers, localAddress, agent: false },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          const isJson = (incoming.headers['content-type'] ?? '').includes('application/json');
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (typeof value === 'string') responseHeaders.set(name, value);
          }
          resolve({
            status: incoming.statusCode ?? 0,
            headers: responseHeaders,
            body: (isJson && text ? JSON.parse(text) : text) as T,
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
