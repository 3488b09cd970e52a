// Loaded synchronously in the preview page's <head> (before the task pane's iframe exists):
// the compose window's state from the query string, on `window` for the Office.js stand-in.
import { createComposeSimulation, initFromQuery, SIMULATION_GLOBAL } from './compose-simulation';

const simulation = createComposeSimulation(initFromQuery(window.location.search));
(window as unknown as Record<string, unknown>)[SIMULATION_GLOBAL] = simulation;
document.documentElement.dataset.theme = simulation.theme;
