import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { EditRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { SequenceDetail } from '../../../shared/schemas';
import { EnrollContactsDialog } from '../EnrollContactsDialog';
import { useAuthoringApi } from './use-authoring-api';
import { useSequenceAuthoringStyles } from './SequenceAuthoring.styles';

/**
 * Beside the sequence's name on its summary (`sequenceActions`): after the editor, the
 * confirmation that the sequence was saved (it takes the focus); **Edit**; **Enroll contacts**.
 */
export function SequenceAuthoringActions({ sequence }: { sequence: SequenceDetail }) {
  const api = useAuthoringApi();
  const navigate = useNavigate();
  const location = useLocation();
  const queries = useQueryClient();
  const styles = useSequenceAuthoringStyles();
  const [justSaved] = useState(Boolean((location.state as { saved?: boolean } | null)?.saved));
  const savedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (justSaved) requestAnimationFrame(() => savedRef.current?.focus());
  }, [justSaved]);
  if (sequence.deletedAt) return null;
  return (
    <div className={styles.actions}>
      {justSaved && (
        <div ref={savedRef} tabIndex={-1} role="status">
          <MessageBar intent="success">
            <MessageBarBody>Sequence “{sequence.name}” saved.</MessageBarBody>
          </MessageBar>
        </div>
      )}
      <Button icon={<EditRegular />} onClick={() => navigate(`/sequences/${sequence.id}/edit`)}>
        Edit
      </Button>
      <EnrollContactsDialog
        api={api}
        sequence={sequence}
        onEnrolled={() => {
          void queries.invalidateQueries({ queryKey: ['sequence', sequence.id] });
          void queries.invalidateQueries({ queryKey: ['enrollments'] });
        }}
      />
    </div>
  );
}
