// Each screen's code, its own chunk (SPEC O6's rule for the console too): the first paint waits
// for none. The routes render them lazily; the warm-up starts them from the address.
export const loadSequencesHome = () =>
  import(/* webpackChunkName: "screen-sequences" */ '../screens/sequences/SequencesHome');
export const loadSequenceSummary = () =>
  import(/* webpackChunkName: "screen-sequence" */ '../screens/sequence/SequenceSummary');
export const loadContactsList = () =>
  import(/* webpackChunkName: "screen-contacts" */ '../screens/contacts/ContactsList');
export const loadContactRecord = () =>
  import(/* webpackChunkName: "screen-contact" */ '../screens/contact/ContactRecord');
export const loadTasksScreen = () =>
  import(/* webpackChunkName: "screen-tasks" */ '../screens/tasks/TasksScreen');
export const loadNewSequenceScreen = () =>
  import(/* webpackChunkName: "screen-sequence-new" */ '../authoring/screens/NewSequenceScreen');
export const loadEditSequenceScreen = () =>
  import(/* webpackChunkName: "screen-sequence-edit" */ '../authoring/screens/EditSequenceScreen');
export const loadNotFound = () =>
  import(/* webpackChunkName: "screen-not-found" */ '../screens/not-found/NotFound');
