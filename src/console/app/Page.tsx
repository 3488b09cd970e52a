import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { usePageStyles } from './Page.styles';

export const APP_NAME = 'Sales Tools';

/** Sets the browser tab's title for a screen: "Contacts · Sales Tools". */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · ${APP_NAME}` : APP_NAME;
  }, [title]);
}

export interface PageProps {
  /** The tab title (also the heading unless `heading` is given). */
  title: string;
  heading?: ReactNode;
  /** Buttons at the heading's end (e.g. Edit, Enroll contacts). */
  actions?: ReactNode;
  children: ReactNode;
}

/**
 * A screen: its title in the tab, its heading, and — after a navigation inside the app — the
 * focus on that heading, so a screen-reader user hears where they arrived (a reload leaves the
 * focus to the browser).
 */
export function Page({ title, heading, actions, children }: PageProps) {
  const styles = usePageStyles();
  const location = useLocation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  usePageTitle(title);
  useEffect(() => {
    if (location.key !== 'default') headingRef.current?.focus({ preventScroll: true });
  }, [location.key]);
  return (
    <div className={styles.root}>
      <div className={styles.header}>
        <h1 ref={headingRef} tabIndex={-1} className={styles.heading}>
          {heading ?? title}
        </h1>
        {actions && <div className={styles.actions}>{actions}</div>}
      </div>
      {children}
    </div>
  );
}
