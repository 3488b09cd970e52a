import { Button } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useNavigate } from 'react-router';

/** **New sequence**, on the Manage tab. */
export function NewSequenceButton() {
  const navigate = useNavigate();
  return (
    <Button appearance="primary" icon={<AddRegular />} onClick={() => navigate('/sequences/new')}>
      New sequence
    </Button>
  );
}
