// Each screen's code, its own chunk (SPEC O6's rule for the console too): the first paint waits
// for none. The routes render them; the warm-up starts them from the address.
import { lazyScreen } from './lazy-screen';

export const sequencesHome = lazyScreen(
  () => import(/* webpackChunkName: "screen-sequences" */ '../screens/sequences/SequencesHome'),
);
export const sequenceSummary = lazyScreen(
  () => import(/* webpackChunkName: "screen-sequence" */ '../screens/sequence/SequenceSummary'),
);
export const contactsList = lazyScreen(
  () => import(/* webpackChunkName: "screen-contacts" */ '../screens/contacts/ContactsList'),
);
export const contactRecord = lazyScreen(
  () => import(/* webpackChunkName: "screen-contact" */ '../screens/contact/ContactRecord'),
);
export const tasksScreen = lazyScreen(
  () => import(/* webpackChunkName: "screen-tasks" */ '../screens/tasks/TasksScreen'),
);
export const newSequenceScreen = lazyScreen(
  () => import(/* webpackChunkName: "screen-sequence-new" */ '../authoring/screens/NewSequenceScreen'),
);
export const editSequenceScreen = lazyScreen(
  () => import(/* webpackChunkName: "screen-sequence-edit" */ '../authoring/screens/EditSequenceScreen'),
);
export const notFound = lazyScreen(
  () => import(/* webpackChunkName: "screen-not-found" */ '../screens/not-found/NotFound'),
);
