import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { SequenceDetail } from '../../../shared/schemas';
import { SequenceAuthoringActions } from '../../authoring/screens/SequenceAuthoring';
import { StepsTab } from './StepsTab';
import { enrollmentsTab } from './summary-loading';

export interface SequenceTabProps {
  sequence: SequenceDetail;
}

export interface SequenceTab {
  /** In the address: /app/sequences/:id?tab=<value> (the first tab has none). */
  value: string;
  label: string;
  Panel: ComponentType<SequenceTabProps> | LazyExoticComponent<ComponentType<SequenceTabProps>>;
}

/**
 * The sequence summary's tabs, in order. Another screen's tab (Settings, Automation) is one
 * more entry here; its panel gets the sequence.
 */
export const sequenceTabs: SequenceTab[] = [
  {
    value: 'enrollments',
    label: 'Enrollments',
    Panel: enrollmentsTab.Component,
  },
  { value: 'steps', label: 'Steps', Panel: StepsTab },
  {
    value: 'settings',
    label: 'Settings',
    Panel: lazy(
      () =>
        import(/* webpackChunkName: "screen-sequence-settings" */ '../../authoring/screens/SettingsTabPanel'),
    ),
  },
  {
    value: 'automation',
    label: 'Automation',
    Panel: lazy(
      () =>
        import(
          /* webpackChunkName: "screen-sequence-automation" */ '../../authoring/screens/AutomationTabPanel'
        ),
    ),
  },
];

/**
 * Buttons beside the sequence's name (Edit, Enroll contacts, …): components given the sequence.
 */
export const sequenceActions: ComponentType<SequenceTabProps>[] = [SequenceAuthoringActions];
