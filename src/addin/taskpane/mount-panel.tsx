import { createRoot, type Root } from 'react-dom/client';
import type { ThemeKind } from '../office/types';
import { App } from './components/App';
import type { AddinServices } from './services';

let root: Root | undefined;
const rootOf = (container: HTMLElement) => (root ??= createRoot(container));

/** Renders the Sales panel in place of taskpane.html's static skeleton. */
export function mountPanel(container: HTMLElement, services: AddinServices, theme: ThemeKind): void {
  rootOf(container).render(<App state="ready" services={services} theme={theme} />);
}

/** When the pane cannot start (no Office.js, no server): say so, in the pane. */
export function mountFailure(container: HTMLElement, message: string): void {
  rootOf(container).render(<App state="failed" message={message} />);
}
