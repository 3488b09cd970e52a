import { makeStyles, tokens } from '@fluentui/react-components';

export const useSequencesStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  search: { minWidth: '260px' },
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  // M3: the row's Unenroll shows on hover, or when the row (or the button) has the keyboard focus.
  scheduledRow: {
    ':hover .row-action': { opacity: 1 },
    ':focus-within .row-action': { opacity: 1 },
  },
  rowAction: { opacity: 0, ':focus': { opacity: 1 } },
});
