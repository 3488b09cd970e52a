import { lazy } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import * as code from './screen-code';

const SequencesHome = lazy(code.loadSequencesHome);
const SequenceSummary = lazy(code.loadSequenceSummary);
const ContactsList = lazy(code.loadContactsList);
const ContactRecord = lazy(code.loadContactRecord);
const TasksScreen = lazy(code.loadTasksScreen);
const NewSequenceScreen = lazy(code.loadNewSequenceScreen);
const EditSequenceScreen = lazy(code.loadEditSequenceScreen);
const NotFound = lazy(code.loadNotFound);

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
