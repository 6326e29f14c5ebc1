/**
 * Catches a render error inside one element so the rest of the chat keeps working; the
 * error is shown in the element's place (a custom element's runtime error included).
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Text before the error message, e.g. `Custom element "Counter" crashed`. */
  label: string;
  className?: string;
  /** A change (new props, new content) clears the error and renders again. */
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

export class ElementBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(this.props.label, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <pre className={this.props.className ?? 'element-error'} role="alert">
        {`${this.props.label}: ${error.message}`}
      </pre>
    );
  }
}

/** The one-line states every fetched element shows before its content is there. */
export function ElementStatus({ text, error }: { text: string; error?: boolean }) {
  return (
    <div className={error ? 'element-error' : 'element-loading'} role={error ? 'alert' : 'status'}>
      {text}
    </div>
  );
}
