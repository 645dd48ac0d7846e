import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** What a request that Node's HTTP parser refused (before express saw it) gets told. */
function describe(code: string | undefined): { status: number; error: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, error: 'the URL and headers are too large (at most 16 KiB in all)' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, error: 'the request took too long to arrive' };
    default:
      return { status: 400, error: `the request is not valid HTTP (${code ?? 'unparsable'})` };
  }
}

/**
 * Answers requests refused by the HTTP parser with the API's JSON error body, where Node would
 * write a bare status line: an oversized URL gets a 431 that says why.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A reset connection has no one to answer.
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, error } = describe(err.code);
    const body = JSON.stringify({ error });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  });
}
