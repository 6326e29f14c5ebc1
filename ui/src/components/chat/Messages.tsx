/**
 * Renders the steps nested in a step's body. Run wrappers (on_message, …) are not shown:
 * their children take their place, followed by the thinking cursor while the run waits.
 * The top level of the chat is rendered by MessageList from flat rows instead.
 */
import { Fragment, memo } from 'react';
import type { IStep } from '../../client/types.js';
import { Message } from './Message.js';
import { useLoading, useMessageConfig } from './message-context.js';
import { isRunWrapper, showsCursor } from './rows.js';

export function LoadingCursor() {
  return <span className="loading-cursor" aria-hidden="true" />;
}

interface Props {
  messages: IStep[];
  indent: number;
  isRunning?: boolean;
}

export const Messages = memo(function Messages({ messages, indent, isRunning }: Props) {
  const { cot } = useMessageConfig();
  const loading = useLoading();
  return (
    <>
      {messages.map((m) => {
        if (isRunWrapper(m)) {
          const running = !m.end && !m.isError && loading;
          return (
            <Fragment key={m.id}>
              {m.steps?.length ? <Messages messages={m.steps} indent={indent} isRunning={running} /> : null}
              {showsCursor(m, cot, running) ? <LoadingCursor /> : null}
            </Fragment>
          );
        }
        return <Message key={m.id} message={m} indent={indent} isRunning={isRunning} />;
      })}
    </>
  );
});
