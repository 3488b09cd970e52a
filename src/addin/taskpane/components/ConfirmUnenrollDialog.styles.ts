import { makeStyles, tokens } from '@fluentui/react-components';

export const useConfirmUnenrollDialogStyles = makeStyles({
  surface: { maxWidth: 'min(420px, calc(100vw - 24px))' },
  names: { margin: `${tokens.spacingVerticalS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
  error: { marginTop: tokens.spacingVerticalS },
});
