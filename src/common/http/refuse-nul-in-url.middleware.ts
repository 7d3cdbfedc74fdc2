import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * 400 for a URL holding an encoded NUL character (`%00`) anywhere, path or query: PostgreSQL
 * text cannot store it, so a query parameter carrying one would fail in the database. Checked
 * on the raw URL, before any parameter is decoded. (Node's HTTP parser refuses a raw NUL byte.)
 */
export function refuseNulInUrl(req: Request, _res: Response, next: NextFunction): void {
  if (req.url.includes('%00')) {
    next(new BadRequestException('The URL must not contain the NUL character (%00): remove it'));
    return;
  }
  next();
}
