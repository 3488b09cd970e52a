import { createRoot } from 'react-dom/client';
import { Root, type RootProps } from './Root';

/** React, Fluent UI and the shell: loaded by the page's boot (index.tsx) beside the session and data. */
export function renderConsole(container: HTMLElement, props: RootProps): void {
  createRoot(container).render(<Root {...props} />);
}
