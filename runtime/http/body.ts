import { HttpMethodEnum, koaBody } from 'koa-body';

/**
 * JSON and form bodies for every route except uploads, which stream through formidable
 * with per-session limits. DELETE is parsed too: four Chainlit routes send JSON bodies on
 * DELETE (PROTOCOL.md §8.1).
 */
export function bodyParser() {
  return koaBody({
    json: true,
    urlencoded: true,
    text: false,
    multipart: false,
    jsonLimit: '1mb',
    parsedMethods: [HttpMethodEnum.POST, HttpMethodEnum.PUT, HttpMethodEnum.PATCH, HttpMethodEnum.DELETE],
  });
}
