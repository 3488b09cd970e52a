import { useQueryClient } from '@tanstack/react-query';
import type { SequenceDetail } from '../../../shared/schemas';
import { SettingsForm } from '../SettingsForm';
import { useAuthoringApi } from './use-authoring-api';

/** The sequence summary's **Settings** tab (its own chunk); a save updates the summary's sequence. */
export default function SettingsTabPanel({ sequence }: { sequence: SequenceDetail }) {
  const api = useAuthoringApi();
  const queries = useQueryClient();
  return (
    <SettingsForm
      key={sequence.id}
      api={api}
      sequence={sequence}
      onSaved={(saved) => void queries.invalidateQueries({ queryKey: ['sequence', saved.id] })}
    />
  );
}
