import { Avatar, Button, mergeClasses, Tooltip } from '@fluentui/react-components';
import {
  ContactCardRegular,
  MailMultipleRegular,
  SignOutRegular,
  TaskListSquareLtrRegular,
  WeatherMoonRegular,
  WeatherSunnyRegular,
} from '@fluentui/react-icons';
import { Suspense, type ReactNode } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { ScreenSkeleton } from './ScreenSkeleton';
import { useMe, useServices } from './services';
import { useShellStyles } from './Shell.styles';
import { useThemeToggle } from './theme';

const NAV: { to: string; label: string; icon: ReactNode }[] = [
  { to: '/sequences', label: 'Sequences', icon: <MailMultipleRegular aria-hidden /> },
  { to: '/contacts', label: 'Contacts', icon: <ContactCardRegular aria-hidden /> },
  { to: '/tasks', label: 'Tasks', icon: <TaskListSquareLtrRegular aria-hidden /> },
];

/** The console's frame: brand, navigation, the signed-in person, theme and Sign out. */
export function Shell() {
  const styles = useShellStyles();
  const { kind: theme, toggle: onToggleTheme } = useThemeToggle();
  const { session, signOut } = useServices();
  // Sign-in may know only the address (dev mode): the API's name once it answers.
  const name = useMe().data?.name ?? session.user.name;
  const themeLabel = theme === 'dark' ? 'Use light theme' : 'Use dark theme';
  return (
    <div className={styles.root}>
      <a className={styles.skip} href="#main">
        Skip to content
      </a>
      <header className={styles.header}>
        <Link to="/sequences" className={styles.brand}>
          <img className={styles.logo} src="/assets/icon-32.png" alt="" />
          Sales Tools
        </Link>
        <nav className={styles.nav} aria-label="Main">
          <ul className={styles.navList}>
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  className={({ isActive }) =>
                    mergeClasses(styles.navLink, isActive && styles.navLinkCurrent)
                  }
                >
                  {item.icon}
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className={styles.user}>
          <Tooltip content={themeLabel} relationship="label">
            <Button
              appearance="subtle"
              icon={theme === 'dark' ? <WeatherSunnyRegular /> : <WeatherMoonRegular />}
              onClick={onToggleTheme}
            />
          </Tooltip>
          <Avatar name={name} size={28} aria-hidden />
          <span title={session.user.email}>{name}</span>
          <Button appearance="subtle" icon={<SignOutRegular />} onClick={signOut}>
            Sign out
          </Button>
        </div>
      </header>
      <main id="main" className={styles.main}>
        <Suspense fallback={<ScreenSkeleton />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
