import { Navigate, type RouteObject } from 'react-router';
import * as code from './screen-code';

const SequencesHome = code.sequencesHome.Component;
const SequenceSummary = code.sequenceSummary.Component;
const ContactsList = code.contactsList.Component;
const ContactRecord = code.contactRecord.Component;
const TasksScreen = code.tasksScreen.Component;
const NewSequenceScreen = code.newSequenceScreen.Component;
const EditSequenceScreen = code.editSequenceScreen.Component;
const NotFound = code.notFound.Component;

/** The console's screens under `/app` (the router's basename). */
export const screenRoutes: RouteObject[] = [
  { index: true, element: <Navigate to="/sequences" replace /> },
  { path: 'sequences', element: <SequencesHome /> },
  { path: 'sequences/new', element: <NewSequenceScreen /> },
  { path: 'sequences/:id', element: <SequenceSummary /> },
  { path: 'sequences/:id/edit', element: <EditSequenceScreen /> },
  { path: 'contacts', element: <ContactsList /> },
  { path: 'contacts/:id', element: <ContactRecord /> },
  { path: 'tasks', element: <TasksScreen /> },
  { path: '*', element: <NotFound /> },
];
