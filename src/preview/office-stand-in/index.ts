// Loaded by the preview's task pane (/preview/taskpane.html) in place of Microsoft's office.js.
// It reads the compose window's state from the preview page around it (same origin); opened
// on its own, it simulates a compose window from its own query string.
import {
  createComposeSimulation,
  initFromQuery,
  SIMULATION_GLOBAL,
  type ComposeSimulation,
} from '../compose-simulation';
import { createOfficeStandIn } from './create-office-stand-in';

function findSimulation(): ComposeSimulation {
  try {
    const fromParent = (window.parent as unknown as Record<string, ComposeSimulation | undefined>)[
      SIMULATION_GLOBAL
    ];
    if (window.parent !== window && fromParent) return fromParent;
  } catch {
    // a parent on another origin: simulate on our own
  }
  return createComposeSimulation(initFromQuery(window.location.search));
}

(window as unknown as { Office: unknown }).Office = createOfficeStandIn(findSimulation());
