import { Avatar, Badge, Button, Skeleton, SkeletonItem } from '@fluentui/react-components';
import { useId } from 'react';
import type { LookupResult } from '../../../shared/schemas';
import type { Recipient } from '../../office/types';
import { useRecipientRowStyles } from './RecipientRow.styles';

export type RecipientStatus = 'enrolled' | 'contact' | 'unknown';

export const STATUS_LABEL: Record<RecipientStatus, string> = {
  enrolled: 'Enrolled',
  contact: 'Contact',
  unknown: 'Not in CRM',
};

export function recipientStatus(result: LookupResult): RecipientStatus {
  if (result.enrollment) return 'enrolled';
  return result.contact ? 'contact' : 'unknown';
}

export interface RecipientRowProps {
  recipient: Recipient;
  /** Undefined while the lookup runs: the badge is a skeleton. */
  result?: LookupResult;
  onViewContact(recipient: Recipient): void;
}

/** One recipient: name, address, a badge (Enrolled, Contact, Not in CRM) and **View contact** for known contacts. */
export function RecipientRow({ recipient, result, onViewContact }: RecipientRowProps) {
  const styles = useRecipientRowStyles();
  const nameId = useId();
  const status = result ? recipientStatus(result) : undefined;
  const contactName = result?.contact
    ? `${result.contact.firstName} ${result.contact.lastName}`.trim()
    : undefined;
  const name = contactName || recipient.name;
  return (
    <li
      className={styles.row}
      aria-label={`${name}, ${recipient.email}${status ? `, ${STATUS_LABEL[status]}` : ''}`}
    >
      <Avatar name={name} size={32} aria-hidden />
      <div className={styles.text}>
        <span id={nameId} className={styles.name}>
          {name}
        </span>
        {name !== recipient.email && <span className={styles.email}>{recipient.email}</span>}
      </div>
      {status ? (
        <Badge
          appearance={status === 'enrolled' ? 'filled' : 'tint'}
          color={status === 'enrolled' ? 'warning' : status === 'contact' ? 'brand' : 'subtle'}
        >
          {STATUS_LABEL[status]}
        </Badge>
      ) : (
        <Skeleton aria-label={`Looking up ${recipient.email}`}>
          <SkeletonItem size={16} className={styles.badgeSkeleton} />
        </Skeleton>
      )}
      {result?.contact && (
        <Button
          className={styles.action}
          size="small"
          appearance="secondary"
          aria-describedby={nameId}
          onClick={() => onViewContact(recipient)}
        >
          View contact
        </Button>
      )}
    </li>
  );
}
