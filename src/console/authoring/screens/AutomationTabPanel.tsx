import { useQueryClient } from '@tanstack/react-query';
import type { SequenceDetail } from '../../../shared/schemas';
import { AutomationTab } from '../AutomationTab';
import { useAuthoringApi } from './use-authoring-api';

/** The sequence summary's **Automation** tab (its own chunk); a save updates the summary's sequence. */
export default function AutomationTabPanel({ sequence }: { sequence: SequenceDetail }) {
  const api = useAuthoringApi();
  const queries = useQueryClient();
  return (
    <AutomationTab
      key={sequence.id}
      api={api}
      sequence={sequence}
      onSaved={(saved) => void queries.invalidateQueries({ queryKey: ['sequence', saved.id] })}
    />
  );
}
