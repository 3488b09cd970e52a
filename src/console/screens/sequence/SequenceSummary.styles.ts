import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useSummaryStyles = makeStyles({
  meta: { color: tokens.colorNeutralForeground2, margin: 0 },
  overview: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    padding: tokens.spacingHorizontalL,
  },
  cardTitle: { ...typographyStyles.subtitle2, margin: `0 0 ${tokens.spacingVerticalM} 0` },
  figures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(110px, 1fr))',
    gap: tokens.spacingVerticalM,
    margin: 0,
  },
  figure: { display: 'flex', flexDirection: 'column-reverse', margin: 0 },
  figureValue: { ...typographyStyles.title3, margin: 0, fontVariantNumeric: 'tabular-nums' },
  figureLabel: { color: tokens.colorNeutralForeground2 },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  steps: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  step: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    boxShadow: tokens.shadow2,
  },
  stepTitle: { ...typographyStyles.body1Strong },
  stepBody: {
    whiteSpace: 'pre-wrap',
    color: tokens.colorNeutralForeground2,
    margin: `${tokens.spacingVerticalXS} 0 0 0`,
  },
});
