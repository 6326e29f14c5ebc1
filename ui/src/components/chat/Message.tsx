/**
 * One node of the tree as a `.step` (DOM-CONTRACT §4, §13). Steps are filtered per ui.cot;
 * assistant messages nested in a step are lifted to the top level after it.
 */
import { memo } from 'react';
import { useChat } from '../../client/react.js';
import type { IStep } from '../../client/types.js';
import { useT } from '../../i18n/i18n.js';
import { RenderBoundary } from '../ui/RenderBoundary.js';
import { AskActionButtons, MessageActions } from './Actions.js';
import { AskFile } from './AskFile.js';
import { Avatar } from './Avatar.js';
import { MessageContent } from './MessageContent.js';
import { Messages } from './Messages.js';
import { StepView } from './StepView.js';
import { UserMessage } from './UserMessage.js';
import { useMessageConfig } from './message-context.js';
import { isHiddenStep } from './rows.js';

interface Props {
  message: IStep;
  indent: number;
  isRunning?: boolean;
  /**
   * Render the children that follow the `.step` (lifted messages, a message's replies).
   * Off for the top-level rows of MessageList, which lists those as rows of their own.
   */
  trailing?: boolean;
}

// toLocaleTimeString builds a formatter per call (~0.2 ms): too slow for 1,000 messages.
// A streaming message re-renders every frame with the same createdAt: keep the last one.
let timeFormat: Intl.DateTimeFormat | null = null;
let lastTime: { at: string; text: string | undefined } | null = null;

function timeOf(m: IStep): string | undefined {
  if (!m.createdAt) return undefined;
  if (lastTime?.at === m.createdAt) return lastTime.text;
  const d = new Date(m.createdAt);
  timeFormat ??= new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' });
  const text = Number.isNaN(d.getTime()) ? undefined : timeFormat.format(d);
  lastTime = { at: m.createdAt, text };
  return text;
}

/**
 * A row whose rendering failed: still a `.step` of its type (counts and order stay right),
 * with the error in place of its content.
 */
function BrokenMessage({ message, error }: { message: IStep; error: Error }) {
  const t = useT();
  return (
    <div className="step" data-step-type={message.type}>
      <div className="step-layout">
        <div className="step-row" id={`step-${message.id}`}>
          <div className="message-render-error" role="alert">
            {t('chat.messages.renderError', { error: error.message })}
          </div>
        </div>
      </div>
    </div>
  );
}

/** Each message renders inside its own boundary: a failure shows inline, the chat goes on. */
export const Message = memo(function Message(props: Props) {
  return (
    <RenderBoundary
      label={`Message ${props.message.id} failed to render`}
      resetKey={props.message}
      fallback={(error) => <BrokenMessage message={props.message} error={error} />}
    >
      <MessageRow {...props} />
    </RenderBoundary>
  );
});

function MessageRow({ message, indent, isRunning, trailing = true }: Props) {
  const { cot } = useMessageConfig();
  const isUser = message.type === 'user_message';
  const isStep = !message.type.includes('message');
  // A step's elements show with its output, so a step that has elements shows that part.
  const stepHasElements = useChat((s) => isStep && s.elements.some((e) => e.forId === message.id));
  if (isHiddenStep(message, cot)) {
    return message.steps?.length ? <Messages messages={message.steps} indent={indent} isRunning={isRunning} /> : null;
  }
  const icon = (message.metadata?.icon as string | undefined) ?? null;
  const author = (message.metadata?.avatarName as string | undefined) ?? message.name;
  const showInput = Boolean(message.input && message.showInput);
  const showOutput = !showInput || Boolean(message.output) || stepHasElements;
  return (
    <>
      <div className={`step${indent ? ' step-nested' : ''}`} data-step-type={message.type} data-time={timeOf(message)}>
        <div className="step-layout">
          <div className="step-row" id={`step-${message.id}`}>
            {isUser ? (
              <UserMessage message={message} />
            ) : (
              <div className={`ai-message${message.isError ? ' ai-message-error' : ''}`}>
                {!isStep || !indent ? <Avatar author={author} isError={message.isError} icon={icon} /> : null}
                {isStep ? (
                  <StepView step={message} isRunning={isRunning}>
                    {showInput ? <MessageContent message={message} section="input" /> : null}
                    {message.steps?.length ? (
                      <Messages
                        messages={message.steps.filter((s) => !s.type.includes('message'))}
                        indent={indent + 1}
                        isRunning={isRunning}
                      />
                    ) : null}
                    {showOutput ? <MessageContent message={message} section="output" /> : null}
                    <MessageActions message={message} />
                  </StepView>
                ) : (
                  <div className="assistant-body">
                    <MessageContent message={message} section="output" />
                    <AskFile message={message} />
                    <AskActionButtons message={message} />
                    <MessageActions message={message} />
                  </div>
                )}
              </div>
            )}
          </div>
        </div>
      </div>
      {trailing && message.steps?.length && isStep ? (
        <Messages messages={message.steps.filter((s) => s.type.includes('message'))} indent={0} isRunning={isRunning} />
      ) : null}
      {trailing && message.steps?.length && !isStep ? <Messages messages={message.steps} indent={indent} isRunning={isRunning} /> : null}
    </>
  );
}
