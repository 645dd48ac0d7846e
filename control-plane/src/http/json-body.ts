import express, { type Request, type RequestHandler } from 'express';
import { AppError } from '../app-error.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// Keys that could reach an object's prototype once copied around; no Inflow document uses them.
function rejectPrototypeKeys(key: string, value: unknown): unknown {
  if (FORBIDDEN_KEYS.has(key)) throw new SyntaxError(`the key "${key}" is not allowed`);
  return value;
}

const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/** Parses JSON bodies up to `limit` bytes; any other content type with a body is a 415. */
export function jsonBody(limit: number): RequestHandler[] {
  return [
    (req, _res, next) => {
      if (hasBody(req) && !req.is('application/json')) {
        // An empty header says no more than a missing one.
        const got = req.headers['content-type'] || 'no Content-Type';
        throw new AppError(415, `expected a body of type application/json, got ${got}`);
      }
      next();
    },
    express.json({ limit, reviver: rejectPrototypeKeys }),
  ];
}

/** The parsed JSON body of a request that must have one. */
export function requireBody(req: Request): unknown {
  if (req.body === undefined) {
    throw new AppError(400, 'this request needs a JSON body (Content-Type: application/json)');
  }
  return req.body;
}
