import type { Context } from 'koa';
import { RequestValidationError, isRecord, missing, type ValidationIssue } from './validation.js';

/**
 * The OAuth2 password form of POST /login (PROTOCOL.md §4.2): multipart (what the clients
 * send) or URL-encoded/JSON (already parsed by the body parser). No files are accepted.
 */
export async function readLoginForm(ctx: Context): Promise<{ username: string; password: string }> {
  let fields: Record<string, unknown> = isRecord(ctx.request.body) ? ctx.request.body : {};
  if (ctx.is('multipart/form-data')) {
    // Loaded on the first multipart login (start-up time).
    const { default: formidable } = await import('formidable');
    const form = formidable({ maxFiles: 0, maxFields: 16, maxFieldsSize: 64 * 1024, allowEmptyFiles: false });
    const [parsed] = await form.parse(ctx.req).catch(() => {
      throw new RequestValidationError([{ type: 'value_error', loc: ['body'], msg: 'Invalid form body', input: null }]);
    });
    fields = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  }
  const issues: ValidationIssue[] = [];
  const text = (name: string): string => {
    const value = fields[name];
    if (typeof value !== 'string' || value === '') issues.push(missing(['body', name]));
    return typeof value === 'string' ? value : '';
  };
  const username = text('username');
  const password = text('password');
  const grant = fields.grant_type;
  if (grant !== undefined && grant !== '' && grant !== 'password') {
    issues.push({ type: 'string_pattern_mismatch', loc: ['body', 'grant_type'], msg: "String should match pattern '^password$'", input: grant });
  }
  if (issues.length > 0) throw new RequestValidationError(issues);
  return { username, password };
}
