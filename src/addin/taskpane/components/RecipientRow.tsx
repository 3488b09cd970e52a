import { Avatar, Badge, Button, Skeleton, SkeletonItem, Spinner, Tooltip } from '@fluentui/react-components';
import { forwardRef, useId } from 'react';
import type { LookupResult } from '../../../shared/schemas';
import type { Recipient } from '../../office/types';
import { cannotEnrollReason } from '../format';
import { recipientName, recipientStatus, STATUS_LABEL } from '../recipient-status';
import { useRecipientRowStyles } from './RecipientRow.styles';

export interface RecipientRowProps {
  recipient: Recipient;
  /** Undefined while the lookup runs: the badge is a skeleton. */
  result?: LookupResult;
  onViewContact(recipient: Recipient): void;
  /** **Enroll in sequence** (a contact not enrolled who can be): opens the picker. */
  onEnroll?(recipient: Recipient, opener: HTMLElement): void;
  /** **Add contact** (Not in CRM): creates the contact from the address and name. */
  onAddContact?(recipient: Recipient): void;
  /** Adding this recipient as a contact is under way. */
  adding?: boolean;
}

/**
 * One recipient: name, address (in full on hover and focus, and to screen readers), a badge
 * (Enrolled, Contact, Opted out, Bounced, Not in CRM) and its actions: **View contact**,
 * **Enroll in sequence**, **Add contact**. The ref is **View contact**, where focus returns
 * after the card.
 */
export const RecipientRow = forwardRef<HTMLButtonElement, RecipientRowProps>(function RecipientRow(
  { recipient, result, onViewContact, onEnroll, onAddContact, adding },
  viewRef,
) {
  const styles = useRecipientRowStyles();
  const nameId = useId();
  const whyId = useId();
  const status = result ? recipientStatus(result) : undefined;
  const name = recipientName(recipient, result);
  const why = result?.contact && !result.enrollment ? cannotEnrollReason(result.contact) : null;
  return (
    <li
      className={styles.row}
      aria-label={`${name}, ${recipient.email}${status ? `, ${STATUS_LABEL[status]}` : ''}`}
    >
      <Avatar name={name} size={32} aria-hidden />
      <div className={styles.text}>
        <span id={nameId} className={styles.name} title={name}>
          {name}
        </span>
        {name !== recipient.email && (
          <Tooltip content={recipient.email} relationship="description" withArrow>
            {/* Focusable so that a keyboard user can read an address the pane's width cuts off. */}
            <span className={styles.email} tabIndex={0} title={recipient.email}>
              {recipient.email}
            </span>
          </Tooltip>
        )}
      </div>
      {status ? (
        <Badge
          className={status === 'enrolled' ? styles.enrolledBadge : undefined}
          appearance={status === 'enrolled' ? 'tint' : status === 'contact' ? 'tint' : 'outline'}
          color={
            status === 'enrolled'
              ? 'warning'
              : status === 'contact'
                ? 'brand'
                : status === 'unknown'
                  ? 'subtle'
                  : 'danger'
          }
        >
          {STATUS_LABEL[status]}
        </Badge>
      ) : (
        <Skeleton aria-label={`Looking up ${recipient.email}`}>
          <SkeletonItem size={16} className={styles.badgeSkeleton} />
        </Skeleton>
      )}
      {why && (
        <span id={whyId} className={styles.why}>
          {why}
        </span>
      )}
      {result && (result.contact || onAddContact) && (
        <div className={styles.actions}>
          {result.contact && (
            <Button
              ref={viewRef}
              size="small"
              appearance="secondary"
              aria-describedby={nameId}
              onClick={() => onViewContact(recipient)}
            >
              View contact
            </Button>
          )}
          {result.contact && !result.enrollment && !why && onEnroll && (
            <Button
              size="small"
              appearance="secondary"
              aria-describedby={nameId}
              onClick={(event) => onEnroll(recipient, event.currentTarget)}
            >
              Enroll in sequence
            </Button>
          )}
          {!result.contact && onAddContact && (
            <Button
              size="small"
              appearance="secondary"
              aria-describedby={nameId}
              disabled={adding}
              icon={adding ? <Spinner size="extra-tiny" /> : undefined}
              onClick={() => onAddContact(recipient)}
            >
              Add contact
            </Button>
          )}
        </div>
      )}
    </li>
  );
});
