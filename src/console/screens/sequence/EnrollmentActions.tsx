import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import { MoreHorizontalRegular } from '@fluentui/react-icons';
import { useRef } from 'react';
import type { EnrollmentListItem } from '../../../shared/schemas';

/** A row's **Actions** menu (M2): Unenroll, and Pause or Resume as the status allows. */
export function EnrollmentActions({
  enrollment,
  onUnenroll,
  onChange,
}: {
  enrollment: EnrollmentListItem;
  /** Asks to confirm; `opener` gets the focus back if the dialog is cancelled. */
  onUnenroll(opener: HTMLElement | null): void;
  onChange(action: 'pause' | 'resume'): void;
}) {
  const trigger = useRef<HTMLButtonElement>(null);
  if (enrollment.status === 'unenrolled') return null;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button
          ref={trigger}
          size="small"
          icon={<MoreHorizontalRegular />}
          aria-label={`Actions for ${enrollment.contact.email}`}
        >
          Actions
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem onClick={() => onUnenroll(trigger.current)}>Unenroll</MenuItem>
          {enrollment.status === 'active' && <MenuItem onClick={() => onChange('pause')}>Pause</MenuItem>}
          {enrollment.status === 'paused' && <MenuItem onClick={() => onChange('resume')}>Resume</MenuItem>}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
