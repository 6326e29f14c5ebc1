/**
 * Catches a render error inside one item (a message, an element) so the rest of the chat
 * keeps working: the item shows the error in its place instead of blanking the page.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Text before the error message, e.g. `Custom element "Counter" crashed`. */
  label: string;
  className?: string;
  /** A change (new props, new content) clears the error and renders again. */
  resetKey?: unknown;
  /** Renders the error in place of the item; the default is `<pre role="alert">label: message</pre>`. */
  fallback?: (error: Error) => ReactNode;
  children: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

export class RenderBoundary extends Component<Props, State> {
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
    if (this.props.fallback) return this.props.fallback(error);
    return (
      <pre className={this.props.className ?? 'element-error'} role="alert">
        {`${this.props.label}: ${error.message}`}
      </pre>
    );
  }
}
