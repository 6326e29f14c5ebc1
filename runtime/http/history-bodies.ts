import type { Pagination, ThreadFilter } from '../data/types.js';
import type { FeedbackDict } from '../wire.js';
import { RequestValidationError, isRecord, missing, type ValidationIssue } from './validation.js';

/** Request bodies of the history routes (PROTOCOL.md §4.5), checked as FastAPI would: 422 naming the field. */

function issue(loc: (string | number)[], type: string, msg: string, input: unknown): ValidationIssue {
  return { type, loc, msg, input };
}

function requireObject(value: unknown, loc: (string | number)[]): Record<string, unknown> {
  if (value === undefined || value === null) throw new RequestValidationError([missing(loc)]);
  if (!isRecord(value)) throw new RequestValidationError([issue(loc, 'model_attributes_type', 'Input should be a valid dictionary or object to extract fields from', value)]);
  return value;
}

function optionalString(value: unknown, loc: (string | number)[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new RequestValidationError([issue(loc, 'string_type', 'Input should be a valid string', value)]);
  return value;
}

/** `0 | 1`, or null when absent (`allowNull`) — the feedback value and the list's feedback filter. */
function feedbackValue(value: unknown, loc: (string | number)[], allowNull: boolean): 0 | 1 | null {
  if ((value === undefined || value === null) && allowNull) return null;
  if (value === undefined || value === null) throw new RequestValidationError([missing(loc)]);
  if (value !== 0 && value !== 1) throw new RequestValidationError([issue(loc, 'literal_error', 'Input should be 0 or 1', value)]);
  return value;
}

/** `POST /project/threads`: `{pagination: {first, cursor?}, filter: {search?, feedback?, userId?}}`. */
export function parseThreadList(body: unknown): { pagination: Pagination; filter: ThreadFilter } {
  const root = requireObject(body, ['body']);
  const pagination = requireObject(root.pagination, ['body', 'pagination']);
  const filter = requireObject(root.filter, ['body', 'filter']);
  const first = pagination.first;
  if (first === undefined || first === null) throw new RequestValidationError([missing(['body', 'pagination', 'first'])]);
  if (typeof first !== 'number' || !Number.isInteger(first)) {
    throw new RequestValidationError([issue(['body', 'pagination', 'first'], 'int_type', 'Input should be a valid integer', first)]);
  }
  if (first < 1) throw new RequestValidationError([issue(['body', 'pagination', 'first'], 'greater_than_equal', 'Input should be greater than or equal to 1', first)]);
  return {
    pagination: { first, cursor: optionalString(pagination.cursor, ['body', 'pagination', 'cursor']) },
    // `userId` is the server's to set: whatever the client sent is dropped.
    filter: {
      search: optionalString(filter.search, ['body', 'filter', 'search']),
      feedback: feedbackValue(filter.feedback, ['body', 'filter', 'feedback'], true),
    },
  };
}

/** `PUT /project/thread/share`: `{threadId, isShared}`. */
export function parseShare(body: unknown): { threadId: string; isShared: boolean } {
  const root = requireObject(body, ['body']);
  const threadId = optionalString(root.threadId, ['body', 'threadId']);
  if (threadId === null) throw new RequestValidationError([missing(['body', 'threadId'])]);
  if (root.isShared === undefined || root.isShared === null) throw new RequestValidationError([missing(['body', 'isShared'])]);
  if (typeof root.isShared !== 'boolean') throw new RequestValidationError([issue(['body', 'isShared'], 'bool_type', 'Input should be a valid boolean', root.isShared)]);
  return { threadId, isShared: root.isShared };
}

/** The `feedback` of `PUT /feedback` (PROTOCOL.md §5.8); a client-sent `id` is not trusted and dropped. */
export function parseFeedback(value: unknown): Omit<FeedbackDict, 'id'> {
  const loc = ['body', 'feedback'];
  const feedback = requireObject(value, loc);
  const forId = optionalString(feedback.forId, [...loc, 'forId']);
  if (forId === null) throw new RequestValidationError([missing([...loc, 'forId'])]);
  const threadId = optionalString(feedback.threadId, [...loc, 'threadId']);
  return {
    forId,
    ...(threadId ? { threadId } : {}),
    value: feedbackValue(feedback.value, [...loc, 'value'], false)!,
    comment: optionalString(feedback.comment, [...loc, 'comment']),
  };
}
