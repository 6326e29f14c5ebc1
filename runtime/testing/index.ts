/**
 * `chainlit-rt/testing`: conversation tests for chainlit-rt apps. The app runs in this
 * process and is driven over the real protocol (Socket.IO + REST), so what passes here
 * passes with the web UI. See docs/testing.md.
 */
export { createTestClient, startTestApp } from './test-client.js';
export type { Answer, TestApp, TestClient, TestClientOptions } from './test-client.js';
export type {
  AskType, ChatAction, ChatElement, ChatMessage, ChatStep, ChatTask, ChatTaskList, ChatToast, MessageType, PendingAsk, TurnResult,
} from './types.js';
export { loadSpec, SpecError } from './spec.js';
export type { ConversationSpec, Expectations, SpecTest, SpecTurn, TurnAction, TextMatcher, MessageMatcher, StepMatcher, ElementMatcher, ActionMatcher, SpecLocation } from './spec-types.js';
export { runSpec, runSpecFiles } from './runner.js';
export type { Failure, Reporter, RunOptions, RunSummary, SpecOutcome, Status, TestOutcome } from './runner.js';
export { checkTurn } from './expect.js';
export type { CheckContext, Mismatch } from './expect.js';
export { createReporter, failureLines, REPORTERS } from './reporters/index.js';
export type { ReporterName } from './reporters/index.js';
