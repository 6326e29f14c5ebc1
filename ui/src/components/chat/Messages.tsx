/**
 * Renders a level of the message tree. Run wrappers (on_message, …) are not shown: their
 * children take their place, followed by the thinking cursor while the run waits.
 */
import { Fragment, memo } from 'react';
import type { IStep } from '../../client/types.js';
import { Message } from './Message.js';
import { RUN_NAMES, useMessageConfig } from './message-context.js';

const isMessageType = (s: IStep) => s.type.includes('message');

function hasActiveToolStep(step: IStep): boolean {
  return (
    step.steps?.some(
      (s) => (s.type === 'tool' && !!s.start && !s.end && !s.isError) || isMessageType(s) || hasActiveToolStep(s),
    ) ?? false
  );
}

function hasAssistantMessage(step: IStep): boolean {
  return step.steps?.some((s) => s.type === 'assistant_message' || hasAssistantMessage(s)) ?? false;
}

export function LoadingCursor() {
  return <span className="loading-cursor" aria-hidden="true" />;
}

interface Props {
  messages: IStep[];
  indent: number;
  isRunning?: boolean;
}

export const Messages = memo(function Messages({ messages, indent, isRunning }: Props) {
  const { cot, loading } = useMessageConfig();
  return (
    <>
      {messages.map((m) => {
        if (RUN_NAMES.includes(m.name) && m.type === 'run') {
          const running = !m.end && !m.isError && loading;
          const showCursor =
            m.name !== 'on_chat_start' &&
            running &&
            (cot === 'hidden' ? !hasAssistantMessage(m) : !hasActiveToolStep(m));
          return (
            <Fragment key={m.id}>
              {m.steps?.length ? <Messages messages={m.steps} indent={indent} isRunning={running} /> : null}
              {showCursor ? <LoadingCursor /> : null}
            </Fragment>
          );
        }
        return <Message key={m.id} message={m} indent={indent} isRunning={isRunning} />;
      })}
    </>
  );
});
