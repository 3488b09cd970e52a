import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  type MenuProps,
  type PositioningImperativeRef,
} from '@fluentui/react-components';
import { MoreHorizontalRegular } from '@fluentui/react-icons';
import { useLayoutEffect, useRef } from 'react';
import type { EnrollmentListItem } from '../../../shared/schemas';

/** The row whose **Actions** menu is open, and the button that opened it. */
export interface ActionsTarget {
  enrollment: EnrollmentListItem;
  opener: HTMLElement;
}

/** A row's **Actions** button (M2): opens the table's one menu on this row. */
export function EnrollmentActionsButton({
  enrollment,
  expanded,
  onOpen,
}: {
  enrollment: EnrollmentListItem;
  expanded: boolean;
  onOpen(opener: HTMLElement): void;
}) {
  if (enrollment.status === 'unenrolled') return null;
  return (
    <Button
      size="small"
      icon={<MoreHorizontalRegular />}
      aria-label={`Actions for ${enrollment.contact.email}`}
      aria-haspopup="menu"
      aria-expanded={expanded}
      onClick={(event) => onOpen(event.currentTarget)}
    >
      Actions
    </Button>
  );
}

/**
 * The table's one **Actions** menu — Unenroll, and Pause or Resume as the status allows —
 * anchored to the button of the row it was opened on. One menu for the table, not one per row:
 * a Fluent `Menu` sets up its positioning, safe zone and outside-click handling when it
 * renders, open or not, and fifty of them were a large part of the table's first render.
 */
export function EnrollmentActionsMenu({
  target,
  onClose,
  onUnenroll,
  onChange,
}: {
  target: ActionsTarget | null;
  onClose(): void;
  /** Asks to confirm; `opener` gets the focus back if the dialog is cancelled. */
  onUnenroll(target: ActionsTarget): void;
  onChange(action: 'pause' | 'resume', enrollment: EnrollmentListItem): void;
}) {
  const positioning = useRef<PositioningImperativeRef>(null);
  useLayoutEffect(() => {
    if (target) positioning.current?.setTarget(target.opener);
  }, [target]);

  const onOpenChange: MenuProps['onOpenChange'] = (event, data) => {
    if (data.open || !target) return;
    // A click on the opener itself toggles through its own onClick, not as an outside click.
    if (data.type === 'clickOutside' && target.opener.contains(event.target as Node)) return;
    onClose();
    // Escape, Tab or a chosen item: back to the row's button (as a menu's own trigger would).
    if (data.type !== 'clickOutside') target.opener.focus();
  };

  const status = target?.enrollment.status;
  return (
    <Menu open={target !== null} onOpenChange={onOpenChange} positioning={{ positioningRef: positioning }}>
      <MenuPopover>
        {target && (
          <MenuList>
            <MenuItem onClick={() => onUnenroll(target)}>Unenroll</MenuItem>
            {status === 'active' && (
              <MenuItem onClick={() => onChange('pause', target.enrollment)}>Pause</MenuItem>
            )}
            {status === 'paused' && (
              <MenuItem onClick={() => onChange('resume', target.enrollment)}>Resume</MenuItem>
            )}
          </MenuList>
        )}
      </MenuPopover>
    </Menu>
  );
}
