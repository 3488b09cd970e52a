import { makeStyles, tokens } from '@fluentui/react-components';

export const useEnrollDialogStyles = makeStyles({
  surface: { maxWidth: 'min(420px, calc(100vw - 24px))' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  option: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalM, width: '100%' },
  steps: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});
