import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useSignInStyles = makeStyles({
  root: {
    minHeight: '100vh',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    backgroundColor: tokens.colorNeutralBackground2,
    padding: tokens.spacingHorizontalL,
    boxSizing: 'border-box',
  },
  card: { width: '100%', maxWidth: '380px', padding: tokens.spacingHorizontalXXL },
  brand: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  logo: { width: '32px', height: '32px' },
  heading: { ...typographyStyles.title3, margin: 0 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  hint: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground3 },
});
