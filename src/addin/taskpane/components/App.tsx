import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import type { ThemeKind } from '../../office/types';
import { ServicesProvider, type AddinServices } from '../services';
import { useAppStyles } from './App.styles';
import { SalesPanel } from './SalesPanel';

// Before React, taskpane.html paints a static skeleton: there is no "starting" state here.
export type AppProps =
  | { state: 'failed'; message: string; theme?: ThemeKind }
  | { state: 'ready'; services: AddinServices; theme: ThemeKind };

/** The task pane's root: Fluent's light or dark theme, following Outlook (SPEC O5). */
export function App(props: AppProps) {
  const styles = useAppStyles();
  return (
    // The provider's className would also go to its portals (tooltips, dialogs): style an inner box.
    <FluentProvider theme={props.theme === 'dark' ? webDarkTheme : webLightTheme}>
      <div className={styles.root}>
        {props.state === 'ready' ? (
          <ServicesProvider services={props.services}>
            <SalesPanel />
          </ServicesProvider>
        ) : (
          <div className={styles.startup}>
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Sales Tools could not start</MessageBarTitle>
                {props.message}
              </MessageBarBody>
            </MessageBar>
          </div>
        )}
      </div>
    </FluentProvider>
  );
}
