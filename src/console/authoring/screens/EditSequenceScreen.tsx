import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { Page } from '../../app/Page';
import { ScreenSkeleton } from '../../app/ScreenSkeleton';
import { messageOf } from '../api';
import { SequenceEditor } from '../SequenceEditor';
import { LoadFailure } from './LoadFailure';
import { useAuthoringApi } from './use-authoring-api';

/** `/app/sequences/:id/edit`, from **Edit** on the sequence summary. */
export default function EditSequenceScreen() {
  const { id = '' } = useParams();
  const api = useAuthoringApi();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const sequence = useQuery({ queryKey: ['sequence', id], queryFn: () => api.sequence(id) });
  if (sequence.isPending) return <ScreenSkeleton label="Loading the sequence" />;
  if (sequence.isError)
    return (
      <Page title="Edit sequence">
        <LoadFailure
          what="The sequence"
          message={messageOf(sequence.error)}
          retry={() => void sequence.refetch()}
        />
      </Page>
    );
  return (
    <Page title={`Edit ${sequence.data.name}`}>
      <SequenceEditor
        key={sequence.data.updatedAt}
        api={api}
        sequence={sequence.data}
        onSaved={(saved) => {
          queries.setQueryData(['sequence', saved.id], saved);
          void queries.invalidateQueries({ queryKey: ['sequences'] });
          navigate(`/sequences/${saved.id}`, { state: { saved: true } });
        }}
        onCancel={() => navigate(`/sequences/${id}`)}
      />
    </Page>
  );
}
