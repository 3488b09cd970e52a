import { useQueryClient } from '@tanstack/react-query';
import type { Contact } from '../../../shared/schemas';
import { EnrollInSequence } from '../EnrollInSequence';
import { useAuthoringApi } from './use-authoring-api';

/** **Enroll in sequence** on the contact record; the record's queries are refreshed after. */
export function ContactEnrollAction({ contact }: { contact: Pick<Contact, 'id'> & { email?: string } }) {
  const api = useAuthoringApi();
  const queries = useQueryClient();
  return (
    <EnrollInSequence
      api={api}
      contact={contact}
      onEnrolled={() => {
        void queries.invalidateQueries({ queryKey: ['contact', contact.id] });
        void queries.invalidateQueries({ queryKey: ['enrollments'] });
      }}
    />
  );
}
