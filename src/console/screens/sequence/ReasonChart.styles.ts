import { makeStyles, tokens } from '@fluentui/react-components';

export const useReasonChartStyles = makeStyles({
  svg: { width: '100%', height: 'auto', overflow: 'visible' },
  label: { fill: tokens.colorNeutralForeground1, fontSize: '12px' },
  value: { fill: tokens.colorNeutralForeground2, fontSize: '12px', fontVariantNumeric: 'tabular-nums' },
  bar: { fill: tokens.colorBrandBackground },
  empty: { color: tokens.colorNeutralForeground2, margin: 0 },
});
