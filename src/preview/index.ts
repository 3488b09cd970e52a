import { FIELDS, SIMULATION_GLOBAL, type ComposeSimulation, type Field } from './compose-simulation';
import { mountComposeWindow } from './compose-window';

// Made by /preview/simulation.js in the page's head, before the task pane's iframe.
const simulation = (window as unknown as Record<string, ComposeSimulation>)[SIMULATION_GLOBAL];

/** The manifest's launch events and their handlers (manifest.xml, LaunchEvent). */
export const LAUNCH_HANDLERS = {
  OnNewMessageCompose: 'onNewMessageComposeHandler',
  OnMessageRecipientsChanged: 'onMessageRecipientsChangedHandler',
} as const;

const paneFrame = document.querySelector<HTMLIFrameElement>('iframe[title="Sales Tools"]');
const paneBox = paneFrame?.closest<HTMLElement>('.pane') ?? null;
const PANE_URL = '/preview/taskpane.html';

function setPaneOpen(open: boolean, reload = false): void {
  if (!paneFrame || !paneBox) return;
  paneBox.hidden = !open;
  document.documentElement.dataset.pane = open ? 'open' : 'closed';
  document.getElementById('ribbon-sales-tools')?.setAttribute('aria-pressed', String(open));
  if (!open) {
    // Closing the pane ends it, as in Outlook: its page is unloaded.
    paneFrame.removeAttribute('src');
    return;
  }
  if (reload || !paneFrame.getAttribute('src')) paneFrame.setAttribute('src', PANE_URL);
}

mountComposeWindow(document.getElementById('root') as HTMLElement, simulation, {
  onThemeChange(theme) {
    // The task pane reads Office's theme when it starts, as in Outlook: reload with the new one.
    const url = new URL(window.location.href);
    url.searchParams.set('theme', theme);
    for (const field of FIELDS) url.searchParams.set(field, simulation.text(field));
    window.location.assign(url.toString());
  },
  onNotificationAction(action) {
    // showTaskPane: the pane opens (again) with the action's contextData to read.
    simulation.paneContext = typeof action.contextData === 'string' ? action.contextData : null;
    setPaneOpen(true, true);
  },
  onTogglePane() {
    simulation.paneContext = null;
    setPaneOpen(paneBox?.hidden ?? true);
  },
});
setPaneOpen(!!paneFrame?.getAttribute('src'));

// Event-based activation, as in Outlook on the web: the commands runtime in a hidden frame,
// which runs the manifest's launch-event handlers. Compose mode only.
if (simulation.mode === 'compose') {
  const runtime = document.createElement('iframe');
  runtime.hidden = true;
  runtime.title = 'Sales Tools event runtime';
  runtime.setAttribute('aria-hidden', 'true');
  runtime.tabIndex = -1;
  runtime.src = '/preview/commands.html';
  document.body.append(runtime);
  // A new message (a reply or forward may start with recipients).
  void simulation.fireLaunchEvent(LAUNCH_HANDLERS.OnNewMessageCompose, { type: 'newMessageComposeCreated' });
  simulation.subscribe((changed: Field[]) => {
    const changedRecipientFields = Object.fromEntries(FIELDS.map((f) => [f, changed.includes(f)])) as Record<
      Field,
      boolean
    >;
    performance.mark('recipients-changed');
    void simulation.fireLaunchEvent(LAUNCH_HANDLERS.OnMessageRecipientsChanged, {
      type: 'olkRecipientsChanged',
      changedRecipientFields,
    });
  });
}
