import { Component, type ReactNode } from 'react';

/** One window (or the whole desktop) that fails to draw shows why, instead of blanking the page. */
export class ErrorBoundary extends Component<{ children: ReactNode; what: string }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="app-error draw-error" role="alert">
        <span>
          {this.props.what} could not be drawn: {this.state.error.message}
        </span>
        <button type="button" onClick={() => this.setState({ error: null })}>
          retry
        </button>
      </div>
    );
  }
}
