import { createServer } from 'node:http';
import { BODY, listenOn } from './reference-route';

/**
 * The runtime's ceiling: `node:http` answering every request with one constant JSON body, no
 * framework, no routing. Started by bench:serve in its own process: `node bare-http.js PORT`.
 */
const server = createServer((_request, response) => {
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(BODY),
  });
  response.end(BODY);
});
listenOn(server);
