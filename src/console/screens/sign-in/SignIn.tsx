import { Button, Card, Field, Input, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { usePageTitle } from '../../app/Page';
import { useSignInStyles } from './SignIn.styles';

export interface SignInProps {
  mode: 'dev' | 'jwt';
  /** Why the person is here again (a session that ended, a failed sign-in). */
  message?: string;
  signIn(email?: string): Promise<void>;
}

/**
 * SPEC C1. Dev auth mode: an **Email** and **Sign in** (a dev token for that address). `jwt`
 * mode: **Sign in** leaves for Microsoft's sign-in page and comes back here.
 */
export function SignIn({ mode, message, signIn }: SignInProps) {
  const styles = useSignInStyles();
  usePageTitle('Sign in');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(message);
  const errorRef = useRef<HTMLDivElement>(null);
  const invalid = mode === 'dev' && email.trim() !== '' && !/^[^\s@]+@[^\s@]+$/.test(email.trim());

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'dev' && (!email.trim() || invalid)) {
      setError('Enter the email address of the user to sign in as.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await signIn(mode === 'dev' ? email.trim() : undefined);
    } catch (cause: unknown) {
      setError(cause instanceof Error ? cause.message : 'Sign-in failed');
      setBusy(false);
    }
  };

  return (
    <main className={styles.root}>
      <Card className={styles.card}>
        <div className={styles.brand}>
          <img className={styles.logo} src="/assets/icon-32.png" alt="" />
          <h1 className={styles.heading}>Sign in to Sales Tools</h1>
        </div>
        <form className={styles.form} onSubmit={submit} noValidate>
          {error && (
            <MessageBar intent="error" ref={errorRef} tabIndex={-1}>
              <MessageBarBody>{error}</MessageBarBody>
            </MessageBar>
          )}
          {mode === 'dev' ? (
            <>
              <Field
                label="Email"
                required
                validationState={invalid ? 'error' : 'none'}
                validationMessage={invalid ? 'Enter an email address, like rep@contoso.example' : undefined}
              >
                <Input
                  type="email"
                  autoComplete="email"
                  value={email}
                  onChange={(_, data) => setEmail(data.value)}
                  placeholder="rep@contoso.example"
                />
              </Field>
              <span className={styles.hint}>Dev sign-in: any address of the dev workspace.</span>
            </>
          ) : (
            <span>Sign in with your Microsoft work account.</span>
          )}
          <Button
            appearance="primary"
            type="submit"
            disabled={busy}
            icon={busy ? <Spinner size="tiny" /> : undefined}
          >
            Sign in
          </Button>
        </form>
      </Card>
    </main>
  );
}
