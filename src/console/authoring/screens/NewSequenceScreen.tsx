import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Page } from '../../app/Page';
import { SequenceEditor } from '../SequenceEditor';
import { useAuthoringApi } from './use-authoring-api';

/** `/app/sequences/new`, from the Manage tab's **New sequence**. */
export default function NewSequenceScreen() {
  const api = useAuthoringApi();
  const navigate = useNavigate();
  const queries = useQueryClient();
  return (
    <Page title="New sequence">
      <SequenceEditor
        api={api}
        onSaved={(saved) => {
          queries.setQueryData(['sequence', saved.id], saved);
          void queries.invalidateQueries({ queryKey: ['sequences'] });
          navigate(`/sequences/${saved.id}`, { state: { saved: true } });
        }}
        onCancel={() => navigate('/sequences')}
      />
    </Page>
  );
}
