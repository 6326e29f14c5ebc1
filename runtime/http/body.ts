import type { Middleware } from 'koa';

const PARSED = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * JSON and form bodies for every route except uploads, which stream through formidable
 * with per-session limits. DELETE is parsed too: four Chainlit routes send JSON bodies on
 * DELETE (PROTOCOL.md §8.1). koa-body (with zod and formidable behind it) is imported
 * when the first such request arrives, not at start-up.
 */
export function bodyParser(): Middleware {
  let parser: Promise<Middleware> | undefined;
  return async (ctx, next) => {
    if (!PARSED.has(ctx.method)) return next();
    parser ??= import('koa-body').then(({ HttpMethodEnum, koaBody }) => koaBody({
      json: true,
      urlencoded: true,
      text: false,
      multipart: false,
      jsonLimit: '1mb',
      parsedMethods: [HttpMethodEnum.POST, HttpMethodEnum.PUT, HttpMethodEnum.PATCH, HttpMethodEnum.DELETE],
    }));
    const parse = await parser;
    return parse(ctx, next);
  };
}
