import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { createComposeSimulation, initFromQuery, SIMULATION_GLOBAL } from './compose-simulation';
import { ComposeWindow } from './ComposeWindow';

// The simulation lives on this window before the task pane's iframe exists, so the stand-in
// inside it always finds it (src/preview/office-stand-in).
const init = initFromQuery(window.location.search);
const simulation = createComposeSimulation(init);
(window as unknown as Record<string, unknown>)[SIMULATION_GLOBAL] = simulation;

function switchTheme(theme: 'light' | 'dark') {
  // The task pane reads Office's theme when it starts, as in Outlook: reload with the new one.
  const url = new URL(window.location.href);
  url.searchParams.set('theme', theme);
  for (const field of ['to', 'cc', 'bcc'] as const) url.searchParams.set(field, simulation.text(field));
  window.location.assign(url.toString());
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <FluentProvider theme={simulation.theme === 'dark' ? webDarkTheme : webLightTheme}>
    <ComposeWindow simulation={simulation} taskPaneUrl="/preview/taskpane.html" onThemeChange={switchTheme} />
  </FluentProvider>,
);
