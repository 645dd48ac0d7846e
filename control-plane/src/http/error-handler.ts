import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../app-error.js';
import type { Deps } from '../deps.js';

/** The errors body-parser raises (http-errors): a status and a `type` naming the cause. */
interface HttpError {
  status: number;
  type: string;
  message: string;
  limit?: number;
  length?: number;
  body?: unknown;
}

const clientStatus = (e: unknown): number | undefined => {
  const status = e instanceof Error ? (e as Partial<HttpError>).status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
};

// express.json's strict mode takes only objects and arrays at the top level.
const isTopLevelScalar = (body: unknown): boolean =>
  typeof body === 'string' && /^\s*[^\s[{]/.test(body);

/** Errors raised by express itself (body-parser, the router): 4xx with a `type` or a URIError. */
function fromExpress(e: Error, status: number, contentEncoding?: string): AppError {
  const { type, limit, length, body } = e as Partial<HttpError>;
  if (e instanceof URIError) {
    return new AppError(400, `the URL is not correctly percent-encoded: ${e.message}`);
  }
  switch (type) {
    case 'entity.parse.failed':
      // JSON.parse with a reviver recurses: valid JSON nested ~10⁵ deep overflows the stack.
      if (e instanceof RangeError) return new AppError(400, 'the body is nested too deeply');
      return isTopLevelScalar(body)
        ? new AppError(400, 'the body must be a JSON object or array')
        : new AppError(400, `the body is not valid JSON: ${e.message}`);
    case 'entity.too.large': {
      const size = length === undefined ? 'larger than' : `${length} bytes; over`;
      return new AppError(413, `the body is ${size} the limit of ${limit} bytes`, { limit });
    }
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, e.message);
    case 'request.aborted':
      return new AppError(400, 'the request was aborted before its body was complete');
    default:
      // body-parser passes zlib's errors on bare; "incorrect header check" names no cause.
      if (type === undefined && contentEncoding !== undefined && contentEncoding !== 'identity') {
        return new AppError(
          400,
          `the body could not be decompressed as Content-Encoding "${contentEncoding}": ${e.message}`,
        );
      }
      return new AppError(status, e.message);
  }
}

export function notFoundHandler(): RequestHandler {
  return (req) => {
    throw new AppError(404, `no route for ${req.method} ${req.path}`);
  };
}

/** Every error becomes `{error, ...details}` with a 4xx; only a bug is a 500, and it is logged. */
export function errorHandler(deps: Deps): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const status = clientStatus(err);
    const known =
      err instanceof AppError
        ? err
        : status !== undefined && err instanceof Error
          ? fromExpress(err, status, req.headers['content-encoding'])
          : undefined;
    if (known) {
      // An oversize body may still be arriving: close the connection rather than read it all.
      if (known.status === 413) res.setHeader('Connection', 'close');
      res.status(known.status).json({ error: known.message, ...known.details });
      return;
    }
    deps.logger.error({ err, method: req.method, url: req.originalUrl }, 'unexpected error');
    res.status(500).json({ error: 'internal error; the details are in the server log' });
  };
}
