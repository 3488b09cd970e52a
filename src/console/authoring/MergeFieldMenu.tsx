import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import { MERGE_FIELDS, type MergeField } from '../../shared/enums';
import { MERGE_FIELD_LABELS } from '../../shared/merge-fields';

export interface MergeFieldMenuProps {
  /** Names the menu button: "Insert merge field in subject of step 1". */
  target: string;
  onInsert(field: MergeField): void;
}

/** The engine's merge fields (`MERGE_FIELDS`), inserted at the caret of one text field. */
export function MergeFieldMenu({ target, onInsert }: MergeFieldMenuProps) {
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button size="small" appearance="subtle" aria-label={`Insert merge field in ${target}`}>
          Insert merge field
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {MERGE_FIELDS.map((field) => (
            <MenuItem key={field} onClick={() => onInsert(field)} secondaryContent={`{{${field}}}`}>
              {MERGE_FIELD_LABELS[field]}
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
