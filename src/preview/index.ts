import { FIELDS, SIMULATION_GLOBAL, type ComposeSimulation } from './compose-simulation';
import { mountComposeWindow } from './compose-window';

// Made by /preview/simulation.js in the page's head, before the task pane's iframe.
const simulation = (window as unknown as Record<string, ComposeSimulation>)[SIMULATION_GLOBAL];

mountComposeWindow(document.getElementById('root') as HTMLElement, simulation, {
  onThemeChange(theme) {
    // The task pane reads Office's theme when it starts, as in Outlook: reload with the new one.
    const url = new URL(window.location.href);
    url.searchParams.set('theme', theme);
    for (const field of FIELDS) url.searchParams.set(field, simulation.text(field));
    window.location.assign(url.toString());
  },
});
